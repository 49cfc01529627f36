import Foundation
import Sessions

/// A scatter of validation error against parameters (log scale), linked to the table: each point is its round's
/// digit (`s` for seeds), the selected candidate is ◉ and named, the Pareto front is a staircase with its points
/// named where there is room, and points that share a cell are counted.
public enum ParetoPlot {
  /// A candidate on the plot.
  public struct Point: Sendable, Equatable {
    public var id: String
    public var params: Int
    public var error: Float
    public var round: Int
    public var isSeed: Bool
  }

  /// Evaluated candidates as points.
  public static func points(_ state: SessionState) -> [Point] {
    state.orderedCandidates.compactMap { record in
      guard record.status == .evaluated, let params = record.params, let error = record.validationError else {
        return nil
      }
      return Point(
        id: record.id, params: max(1, params), error: error, round: record.round, isSeed: record.origin == .seed)
    }
  }

  /// The order `j`/`k` walk the points in: fewer parameters first, then lower error.
  public static func walkOrder(_ state: SessionState) -> [String] {
    points(state).sorted { ($0.params, $0.error) < ($1.params, $1.error) }.map(\.id)
  }

  /// The ids of points no other point beats on both parameters and error.
  public static func front(_ points: [Point]) -> Set<String> {
    var front: Set<String> = []
    for point in points {
      let dominated = points.contains { other in
        other.params <= point.params && other.error <= point.error
          && (other.params < point.params || other.error < point.error)
      }
      if !dominated { front.insert(point.id) }
    }
    return front
  }

  /// The glyph of a point: `s` for a seed, its round's digit for a child (`+` from round 10).
  static func glyph(_ point: Point) -> String {
    point.isSeed ? "s" : point.round < 10 ? "\(point.round)" : "+"
  }

  /// How many points share a cell with another one (drawn as one glyph with a count beside it).
  public struct Summary: Sendable, Equatable {
    public var frontCount: Int
    public var hidden: Int
  }

  /// Draws the scatter in `rect` (no border); returns how many points are on the front and hidden by overlap.
  @discardableResult
  public static func draw(_ points: [Point], selected: String?, into buffer: inout CellBuffer, rect: Rect) -> Summary {
    let front = front(points)
    guard rect.width >= 16, rect.height >= 3 else { return Summary(frontCount: front.count, hidden: 0) }
    guard !points.isEmpty else {
      buffer.put("no evaluated candidates yet", x: rect.x, y: rect.y, role: .muted, clip: rect)
      return Summary(frontCount: 0, hidden: 0)
    }
    let axisWidth = 4
    let plot = Rect(x: rect.x + axisWidth + 1, y: rect.y, width: rect.width - axisWidth - 1, height: rect.height - 1)
    let scale = Scale(points, plot: plot)
    buffer.put(percent(scale.maxError), x: rect.x, y: plot.y, role: .muted, clip: rect)
    if plot.height > 1 { buffer.put(percent(scale.minError), x: rect.x, y: plot.maxY - 1, role: .muted, clip: rect) }
    var labels = LabelRow(Rect(x: plot.x, y: plot.maxY, width: plot.width, height: 1))
    let low = SessionReport.compact(scale.minParams), high = SessionReport.compact(scale.maxParams)
    labels.place(low, x: plot.x, role: .muted, into: &buffer)
    labels.place(high, x: plot.maxX - DisplayWidth.of(high), role: .muted, into: &buffer)
    for axis in ["params (log) →", "params →"]
    where labels.place(axis, centeredOn: plot.x + plot.width / 2, role: .muted, into: &buffer) {
      break
    }
    let stairs = drawStaircase(points.filter { front.contains($0.id) }, scale: scale, into: &buffer)
    // Cells, the point each shows (selected, then front, then the latest), and how many share it.
    var cells: [Int: (point: Point, count: Int)] = [:]
    func rank(_ point: Point) -> Int { point.id == selected ? 2 : front.contains(point.id) ? 1 : 0 }
    for point in points {
      let cell = scale.cell(point)
      let key = cell.y * buffer.width + cell.x
      if let existing = cells[key] {
        cells[key] = (rank(point) >= rank(existing.point) ? point : existing.point, existing.count + 1)
      } else {
        cells[key] = (point, 1)
      }
    }
    let stairKeys = Set(stairs.map { $0.y * buffer.width + $0.x })
    var occupied = Set(cells.keys).union(stairKeys)
    var hidden = 0
    for (_, entry) in cells.sorted(by: { rank($0.value.point) < rank($1.value.point) }) {
      let (x, y) = scale.cell(entry.point)
      let isSelected = entry.point.id == selected
      let role: StyleRole = isSelected ? .selection : front.contains(entry.point.id) ? .plotFront : .muted
      buffer.put(isSelected ? "◉" : glyph(entry.point), x: x, y: y, role: role)
      if entry.count > 1 {
        hidden += entry.count - 1
        let key = y * buffer.width + x + 1
        if x + 1 < plot.maxX, !occupied.contains(key) {
          buffer.put(superscript(entry.count), x: x + 1, y: y, role: role)
          occupied.insert(key)
        }
      }
    }
    // Names: the selected point first, then the front's, where they fit beside their point.
    let named = points.filter { $0.id == selected } + points.filter { front.contains($0.id) && $0.id != selected }
    for point in named {
      let (x, y) = scale.cell(point)
      let name = point.id
      let width = DisplayWidth.of(name)
      // Beside the point; the selected one (drawn ◉, so its name cannot be taken for another's) also above or below.
      var spots = [(x - width - 1, y), (x + 2, y)]
      if point.id == selected { spots += [(x + 1, y - 1), (x + 1, y + 1), (x - width, y - 1), (x - width, y + 1)] }
      for (start, row) in spots where start >= plot.x && start + width <= plot.maxX && row >= plot.y && row < plot.maxY
      {
        let keys = (start - 1...start + width).map { row * buffer.width + $0 }
        // Right of its point, a name may cover the start of the point's own step of the front.
        let free = start == x + 2 && row == y ? occupied.subtracting(stairKeys) : occupied
        guard keys.allSatisfy({ !free.contains($0) }) else { continue }
        if start == x + 2 { buffer.put(" ", x: x + 1, y: row, role: .normal) }
        buffer.put(name, x: start, y: row, role: point.id == selected ? .selection : .plotFront)
        occupied.formUnion(keys)
        break
      }
    }
    return Summary(frontCount: front.count, hidden: hidden)
  }

  /// The front as steps: from each point right along its error, then down to the next point's; returns the cells.
  @discardableResult
  static func drawStaircase(_ front: [Point], scale: Scale, into buffer: inout CellBuffer) -> [(x: Int, y: Int)] {
    let sorted = front.sorted { ($0.params, $1.error) < ($1.params, $0.error) }
    var cells: [(x: Int, y: Int)] = []
    func put(_ glyph: String, _ x: Int, _ y: Int) {
      buffer.put(glyph, x: x, y: y, role: .border)
      cells.append((x, y))
    }
    for (a, b) in zip(sorted, sorted.dropFirst()) {
      let (x1, y1) = scale.cell(a), (x2, y2) = scale.cell(b)
      guard x2 > x1 || y2 > y1 else { continue }
      for x in (x1 + 1)..<max(x1 + 1, x2) { put("─", x, y1) }
      if y2 > y1 {
        if x2 > x1 { put("┐", x2, y1) }
        for y in (y1 + 1)..<max(y1 + 1, y2) { put("│", x2, y) }
      }
    }
    return cells
  }

  /// Maps parameters (log) and error to cells of the plot.
  struct Scale {
    var minLog: Double, maxLog: Double
    var minError: Double, maxError: Double
    var plot: Rect

    init(_ points: [Point], plot: Rect) {
      let logs = points.map { log10(Double($0.params)) }
      minLog = logs.min()!
      maxLog = logs.max()!
      if maxLog - minLog < 0.1 {
        minLog -= 0.05
        maxLog += 0.05
      }
      minError = Double(points.map(\.error).min()!)
      maxError = Double(points.map(\.error).max()!)
      if maxError - minError < 0.01 {
        minError = max(0, minError - 0.005)
        maxError += 0.005
      }
      self.plot = plot
    }

    var minParams: Int { Int(pow(10, minLog).rounded()) }
    var maxParams: Int { Int(pow(10, maxLog).rounded()) }

    func cell(_ point: Point) -> (x: Int, y: Int) {
      let fx = (log10(Double(point.params)) - minLog) / (maxLog - minLog)
      let fy = (Double(point.error) - minError) / (maxError - minError)
      return (
        plot.x + Int((fx * Double(plot.width - 1)).rounded()),
        plot.y + Int(((1 - fy) * Double(plot.height - 1)).rounded())
      )
    }
  }

  static func percent(_ value: Double) -> String {
    DisplayWidth.pad(String(format: "%.0f%%", value * 100), to: 4, right: true)
  }

  /// `²`, `³`, … `⁹`, then `⁺`.
  static func superscript(_ count: Int) -> String {
    let digits = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return count < 10 ? digits[count] : "⁺"
  }
}
