import Foundation
import Sessions

/// A scatter of validation error against parameters (log scale), the Pareto front highlighted.
public enum ParetoPlot {
  /// A candidate on the plot.
  public struct Point: Sendable, Equatable {
    public var id: String
    public var params: Int
    public var error: Float
  }

  /// Evaluated candidates as points.
  public static func points(_ state: SessionState) -> [Point] {
    state.orderedCandidates.compactMap { record in
      guard record.status == .evaluated, let params = record.params, let error = record.validationError else { return nil }
      return Point(id: record.id, params: max(1, params), error: error)
    }
  }

  /// The ids of points no other point beats on both parameters and error.
  public static func front(_ points: [Point]) -> Set<String> {
    var front: Set<String> = []
    for point in points {
      let dominated = points.contains { other in
        other.params <= point.params && other.error <= point.error && (other.params < point.params || other.error < point.error)
      }
      if !dominated { front.insert(point.id) }
    }
    return front
  }

  /// Draws the scatter in `rect` (no border).
  public static func draw(_ points: [Point], into buffer: inout CellBuffer, rect: Rect) {
    guard rect.width >= 12, rect.height >= 3 else { return }
    guard !points.isEmpty else {
      buffer.put("no evaluated candidates yet", x: rect.x, y: rect.y, role: .muted, clip: rect)
      return
    }
    let front = front(points)
    let labelWidth = 5
    let plot = Rect(x: rect.x + labelWidth, y: rect.y, width: rect.width - labelWidth, height: rect.height - 1)
    let logParams = points.map { log10(Double($0.params)) }
    var minX = logParams.min()!, maxX = logParams.max()!
    if maxX - minX < 0.1 {
      minX -= 0.05
      maxX += 0.05
    }
    var minY = Double(points.map(\.error).min()!), maxY = Double(points.map(\.error).max()!)
    if maxY - minY < 0.01 {
      minY = max(0, minY - 0.005)
      maxY += 0.005
    }
    buffer.put(DisplayWidth.pad(String(format: "%.0f%%", maxY * 100), to: 4, right: true), x: rect.x, y: plot.y, role: .muted, clip: rect)
    buffer.put(DisplayWidth.pad(String(format: "%.0f%%", minY * 100), to: 4, right: true), x: rect.x, y: plot.maxY - 1, role: .muted, clip: rect)
    let lowLabel = SessionReport.compact(Int(pow(10, minX).rounded())), highLabel = SessionReport.compact(Int(pow(10, maxX).rounded()))
    buffer.put(lowLabel, x: plot.x, y: plot.maxY, role: .muted, clip: rect)
    buffer.put("params (log) →", x: plot.x + max(DisplayWidth.of(lowLabel) + 2, plot.width / 2 - 7), y: plot.maxY, role: .muted, clip: rect)
    buffer.put(highLabel, x: plot.maxX - DisplayWidth.of(highLabel), y: plot.maxY, role: .muted, clip: rect)
    // Dominated points first, so front points are drawn over them.
    let ordered = points.filter { !front.contains($0.id) } + points.filter { front.contains($0.id) }
    for point in ordered {
      let fx = (log10(Double(point.params)) - minX) / (maxX - minX)
      let fy = (Double(point.error) - minY) / (maxY - minY)
      let column = plot.x + Int((fx * Double(plot.width - 1)).rounded())
      let row = plot.y + Int(((1 - fy) * Double(plot.height - 1)).rounded())
      let onFront = front.contains(point.id)
      buffer.put(onFront ? "●" : "·", x: column, y: row, role: onFront ? .plotFront : .muted)
    }
  }
}
