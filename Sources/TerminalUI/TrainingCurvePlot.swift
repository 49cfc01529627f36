import Foundation
import Sessions

/// A candidate's training curve: validation accuracy and training loss against steps, each with its start, best
/// and end values; two plots side by side when there is room, else a sparkline row each.
enum TrainingCurvePlot {
  /// One series: its points, how to write a value, and whether lower is better.
  struct Series {
    var name: String
    var points: [(step: Int, value: Float)]
    var format: (Float) -> String
    var lowerIsBetter: Bool

    /// `start 10.2% · best 86.1% @1250 · end 85.0%`.
    var summary: String {
      guard let first = points.first, let last = points.last else { return "\(name): not measured yet" }
      let best = points.reduce(first) {
        lowerIsBetter ? ($1.value < $0.value ? $1 : $0) : ($1.value > $0.value ? $1 : $0)
      }
      return
        "\(name)  start \(format(first.value)) · \(lowerIsBetter ? "min" : "best") \(format(best.value)) @\(best.step)"
        + " · end \(format(last.value))"
    }
  }

  static func series(_ curve: [TrainingProgress]) -> [Series] {
    let accuracy = curve.compactMap { point in point.validationAccuracy.map { (point.step, $0) } }
    let loss = curve.filter { $0.trainLoss.isFinite }.map { ($0.step, $0.trainLoss) }
    return [
      Series(name: "val acc", points: accuracy, format: { Metrics.percent($0) }, lowerIsBetter: false),
      Series(name: "train loss", points: loss, format: { String(format: "%.3f", $0) }, lowerIsBetter: true),
    ]
  }

  static func draw(
    _ curve: [TrainingProgress], plotted: Bool, glyphs: PlotGlyphs = .braille, into buffer: inout CellBuffer,
    rect: Rect
  ) {
    guard !rect.isEmpty else { return }
    let all = series(curve)
    let roles: [StyleRole] = [.plotBest, .plotMedian]
    guard plotted, rect.height >= 3 else {
      for (row, series) in all.prefix(rect.height).enumerated() {
        let y = rect.y + row
        var x = buffer.put(series.name + " ", x: rect.x, y: y, role: .muted, clip: rect)
        let values = series.points.map(\.value)
        x = buffer.put(CandidateDetail.sparkline(Array(values.suffix(24))), x: x, y: y, role: roles[row], clip: rect)
        buffer.put(" " + series.summary.dropFirst(series.name.count + 2), x: x, y: y, role: .muted, clip: rect)
      }
      return
    }
    let halves = rect.splitHorizontally(fraction: 0.5)
    for (index, (series, area)) in zip(all, [halves.left, halves.right]).enumerated() {
      let inner = Rect(x: area.x + (index == 1 ? 1 : 0), y: area.y, width: area.width - 1, height: area.height)
      drawOne(series, role: roles[index], glyphs: glyphs, lastStep: curve.last?.steps, into: &buffer, rect: inner)
    }
  }

  /// One series in `rect`: the summary row, the plot with its value range at the left, the steps under it.
  static func drawOne(
    _ series: Series, role: StyleRole, glyphs: PlotGlyphs, lastStep: Int?, into buffer: inout CellBuffer, rect: Rect
  ) {
    buffer.put(series.summary, x: rect.x, y: rect.y, role: .muted, clip: rect)
    let values = series.points.map(\.value)
    guard let low = values.min(), let high = values.max(), let maxStep = series.points.last?.step else { return }
    let labels = [series.format(high), series.format(low)]
    let labelWidth = labels.map { DisplayWidth.of($0) }.max()! + 1
    let plot = Rect(x: rect.x + labelWidth, y: rect.y + 1, width: rect.width - labelWidth, height: rect.height - 2)
    guard plot.width >= 4, plot.height >= 1 else { return }
    buffer.put(
      DisplayWidth.pad(labels[0], to: labelWidth - 1, right: true), x: rect.x, y: plot.y, role: .muted, clip: rect)
    if plot.height > 1 {
      buffer.put(
        DisplayWidth.pad(labels[1], to: labelWidth - 1, right: true), x: rect.x, y: plot.maxY - 1, role: .muted,
        clip: rect)
    }
    var canvas = DotCanvas(columns: plot.width, rows: plot.height, glyphs: glyphs)
    let span = high > low ? high - low : 1
    let steps = max(1, lastStep ?? maxStep, maxStep)
    var previous: (x: Int, y: Int)?
    for point in series.points {
      let x = Int((Double(point.step) / Double(steps) * Double(canvas.dotWidth - 1)).rounded())
      let y = Int((Double(high - point.value) / Double(span) * Double(canvas.dotHeight - 1)).rounded())
      if let previous {
        canvas.line(from: previous, to: (x, y), role: role)
      } else {
        canvas.set(x: x, y: y, role: role)
      }
      previous = (x, y)
    }
    canvas.draw(into: &buffer, x: plot.x, y: plot.y)
    let axis = "step \(steps)"
    buffer.put("0", x: plot.x, y: plot.maxY, role: .muted, clip: rect)
    if plot.width > DisplayWidth.of(axis) + 2 {
      buffer.put(axis, x: plot.maxX - DisplayWidth.of(axis), y: plot.maxY, role: .muted, clip: rect)
    }
  }
}
