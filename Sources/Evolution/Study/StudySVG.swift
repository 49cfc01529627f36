import Foundation
import Sessions

/// `study.svg`: every arm's Pareto front (one colour per arm, pooled over seeds), each session's front points, the
/// seeds marked, axes labelled (parameters on a log scale, validation error), and a legend with mean hypervolumes.
public enum StudySVG {
  public static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

  public static func render(_ report: StudyReport, width: Double = 760, height: Double = 500) -> String {
    let frame = StudyPlotFrame(report: report)
    let (left, right, top, bottom) = (70.0, 20.0, 40.0, 55.0)
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    func x(_ value: Double) -> Double {
      left + (value - frame.xRange.lowerBound) / (frame.xRange.upperBound - frame.xRange.lowerBound) * plotWidth
    }
    func y(_ value: Double) -> Double {
      top + (value - frame.yRange.lowerBound) / (frame.yRange.upperBound - frame.yRange.lowerBound) * plotHeight
    }
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(width / 2))" y="22" text-anchor="middle" font-size="15">\(escape(report.task)): Pareto fronts \
      of eligible candidates (budget \(report.budget) children per arm x seed)</text>

      """
    // Grid and ticks: powers of ten on x, tenths of error on y.
    for decade in Int(frame.xRange.lowerBound)...Int(frame.xRange.upperBound) {
      let px = x(Double(decade))
      svg += "<line x1=\"\(f(px))\" y1=\"\(f(top))\" x2=\"\(f(px))\" y2=\"\(f(top + plotHeight))\" stroke=\"#ddd\"/>\n"
      svg += "<text x=\"\(f(px))\" y=\"\(f(top + plotHeight + 18))\" text-anchor=\"middle\">10<tspan dy=\"-6\" "
      svg += "font-size=\"9\">\(decade)</tspan></text>\n"
    }
    var tick = frame.yRange.lowerBound
    while tick <= frame.yRange.upperBound + 1e-9 {
      let py = y(tick)
      svg += "<line x1=\"\(f(left))\" y1=\"\(f(py))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py))\" stroke=\"#ddd\"/>\n"
      svg +=
        "<text x=\"\(f(left - 8))\" y=\"\(f(py + 4))\" text-anchor=\"end\">\(String(format: "%.1f", tick))</text>\n"
      tick += 0.1
    }
    svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" "
    svg += "fill=\"none\" stroke=\"#333\"/>\n"
    svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">parameters "
    svg += "(log scale; reference point 10^\(Int(ParetoFront.referenceLogParams)))</text>\n"
    svg += "<text transform=\"translate(18 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">"
    svg += "\(TaskMetric.of(task: report.task).errorTitle), lower is better</text>\n"
    for (index, series) in frame.series.enumerated() {
      let color = colors[index % colors.count]
      let path = frame.staircase(series.front).enumerated().map { "\($0 == 0 ? "M" : "L")\(f(x($1.x))),\(f(y($1.y)))" }
      if !path.isEmpty {
        svg += "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
      }
      for point in series.points {
        svg += "<circle cx=\"\(f(x(point.logParams)))\" cy=\"\(f(y(point.validationError)))\" r=\"3.5\" "
        svg += "fill=\"\(color)\" fill-opacity=\"0.55\"><title>\(escape(series.arm)) \(point.id): "
        svg += "\(point.params) params, error \(String(format: "%.3f", point.validationError))</title></circle>\n"
      }
    }
    for seed in frame.seeds {
      let (px, py) = (x(seed.logParams), y(seed.validationError))
      svg +=
        "<path d=\"M\(f(px)),\(f(py - 6)) L\(f(px + 6)),\(f(py)) L\(f(px)),\(f(py + 6)) L\(f(px - 6)),\(f(py)) Z\" "
      svg += "fill=\"none\" stroke=\"black\" stroke-width=\"1.5\"><title>seed \(seed.id): \(seed.params) params, "
      svg += "error \(String(format: "%.3f", seed.validationError))</title></path>\n"
    }
    // Bottom right: large and inaccurate, where dominated candidates would be, so fronts stay visible.
    let legendHeight = Double((frame.series.count + 1) * 18 + 8)
    svg += legend(frame, x: left + plotWidth - legendWidth(frame) - 10, y: top + plotHeight - legendHeight - 10)
    return svg + "</svg>\n"
  }

  /// Wide enough for the longest arm name (about 6.5 pixels a character at 12 pixels).
  private static func legendWidth(_ frame: StudyPlotFrame) -> Double {
    Double(frame.series.map { $0.arm.count + 16 }.max() ?? 12) * 6.5 + 44
  }

  private static func legend(_ frame: StudyPlotFrame, x: Double, y: Double) -> String {
    let rows = frame.series.count + 1
    var svg = "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(legendWidth(frame))\" height=\"\(rows * 18 + 8)\" fill=\"white\" "
    svg += "fill-opacity=\"0.9\" stroke=\"#999\"/>\n"
    for (index, series) in frame.series.enumerated() {
      let rowY = y + 16 + Double(index) * 18
      svg += "<line x1=\"\(x + 8)\" y1=\"\(rowY - 4)\" x2=\"\(x + 28)\" y2=\"\(rowY - 4)\" "
      svg += "stroke=\"\(colors[index % colors.count])\" stroke-width=\"3\"/>\n"
      svg += "<text x=\"\(x + 34)\" y=\"\(rowY)\">\(escape(series.arm)) (mean HV "
      svg += "\(String(format: "%.3f", series.meanHypervolume)))</text>\n"
    }
    let seedY = y + 16 + Double(frame.series.count) * 18
    svg +=
      "<path d=\"M\(x + 18),\(seedY - 10) L\(x + 24),\(seedY - 4) L\(x + 18),\(seedY + 2) L\(x + 12),\(seedY - 4) Z\" "
    svg += "fill=\"none\" stroke=\"black\" stroke-width=\"1.5\"/>\n"
    svg += "<text x=\"\(x + 34)\" y=\"\(seedY)\">seed models</text>\n"
    return svg
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
