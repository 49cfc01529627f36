import Foundation
import Sessions

/// The study plot in a terminal: fronts drawn with braille dots (one colour per arm when colour is on), each arm's
/// front points marked with its number, seeds with ◆, and axes labelled as in the SVG.
public enum StudyTerminalPlot {
  /// ANSI foreground colours, in the SVG's order (blue, red, green, magenta, yellow, …).
  static let ansiColors = [34, 31, 32, 35, 33, 91, 95, 36]

  public static func render(_ report: StudyReport, columns: Int = 64, rows: Int = 16, color: Bool = false) -> String {
    let frame = StudyPlotFrame(report: report)
    var canvas = Canvas(columns: columns, rows: rows)
    func dot(_ x: Double, _ y: Double) -> (Int, Int) {
      let span = frame.xRange.upperBound - frame.xRange.lowerBound
      let dx = Int(((x - frame.xRange.lowerBound) / span * Double(columns * 2 - 1)).rounded())
      let dy = Int(
        ((y - frame.yRange.lowerBound) / (frame.yRange.upperBound - frame.yRange.lowerBound)
          * Double(rows * 4 - 1)).rounded())
      return (min(max(dx, 0), columns * 2 - 1), min(max(dy, 0), rows * 4 - 1))
    }
    for (index, series) in frame.series.enumerated() {
      let corners = frame.staircase(series.front).map { dot($0.x, $0.y) }
      for (start, end) in zip(corners, corners.dropFirst()) { canvas.line(from: start, to: end, owner: index) }
      for point in series.points {
        let (dx, dy) = dot(point.logParams, point.validationError)
        canvas.mark(column: dx / 2, row: dy / 4, glyph: Character("\(index + 1)"), owner: index)
      }
    }
    for seed in frame.seeds {
      let (dx, dy) = dot(seed.logParams, seed.validationError)
      canvas.mark(column: dx / 2, row: dy / 4, glyph: "◆", owner: nil)
    }
    var lines: [String] = []
    for row in 0..<rows {
      let value =
        frame.yRange.lowerBound + (frame.yRange.upperBound - frame.yRange.lowerBound) * Double(row)
        / Double(max(rows - 1, 1))
      let label = row % 4 == 0 || row == rows - 1 ? String(format: "%5.2f", value) : "     "
      lines.append(label + " ┤" + canvas.text(row: row, color: color))
    }
    lines.append("      └" + String(repeating: "─", count: columns))
    var axis = Array(repeating: Character(" "), count: columns + 8)
    for decade in Int(frame.xRange.lowerBound)...Int(frame.xRange.upperBound) {
      let (dx, _) = dot(Double(decade), 0)
      let text = Array("1e\(decade)")
      let start = min(7 + dx / 2, axis.count - text.count)
      for (offset, character) in text.enumerated() { axis[start + offset] = character }
    }
    lines.append(String(axis))
    lines.append("      \(TaskMetric.of(task: report.task).errorTitle), down is better, against parameters (log scale)")
    let legend = frame.series.enumerated().map { index, series in
      paint("\(index + 1) \(series.arm) (mean HV \(String(format: "%.3f", series.meanHypervolume)))", index, color)
    }
    lines.append("      " + (legend + ["◆ seed"]).joined(separator: "   "))
    return lines.joined(separator: "\n")
  }

  static func paint(_ text: String, _ owner: Int?, _ color: Bool) -> String {
    guard color, let owner else { return text }
    return "\u{1B}[\(ansiColors[owner % ansiColors.count])m\(text)\u{1B}[0m"
  }

  /// Braille cells (2 x 4 dots each), each with the arm that drew last and an optional marker glyph. Row 0 is the
  /// top, which shows the lowest error.
  struct Canvas {
    let columns: Int
    let rows: Int
    var bits: [UInt8]
    var owners: [Int?]
    var glyphs: [Character?]

    init(columns: Int, rows: Int) {
      self.columns = columns
      self.rows = rows
      bits = Array(repeating: 0, count: columns * rows)
      owners = Array(repeating: nil, count: columns * rows)
      glyphs = Array(repeating: nil, count: columns * rows)
    }

    /// Braille dot bit for (x mod 2, y mod 4).
    static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(_ x: Int, _ y: Int, owner: Int) {
      let cell = (y / 4) * columns + x / 2
      guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
      bits[cell] |= Self.dotBits[x % 2][y % 4]
      owners[cell] = owner
    }

    mutating func line(from start: (Int, Int), to end: (Int, Int), owner: Int) {
      let steps = max(abs(end.0 - start.0), abs(end.1 - start.1), 1)
      for step in 0...steps {
        let t = Double(step) / Double(steps)
        set(
          Int((Double(start.0) + t * Double(end.0 - start.0)).rounded()),
          Int((Double(start.1) + t * Double(end.1 - start.1)).rounded()), owner: owner)
      }
    }

    mutating func mark(column: Int, row: Int, glyph: Character, owner: Int?) {
      guard column >= 0, row >= 0, column < columns, row < rows else { return }
      glyphs[row * columns + column] = glyph
      owners[row * columns + column] = owner
    }

    func text(row: Int, color: Bool) -> String {
      (0..<columns).map { column in
        let cell = row * columns + column
        let character =
          glyphs[cell].map(String.init)
          ?? (bits[cell] == 0 ? " " : String(UnicodeScalar(0x2800 + UInt32(bits[cell]))!))
        return StudyTerminalPlot.paint(character, owners[cell], color)
      }.joined()
    }
  }
}
