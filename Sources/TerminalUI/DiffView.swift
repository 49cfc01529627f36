/// Draws a line diff, unified (`+`/`-` lines) or side by side, with Python colouring on unchanged lines.
public enum DiffView {
  /// Rows the diff needs in `style`.
  public static func rowCount(_ lines: [LineDiff.Line], style: UIModel.DiffStyle) -> Int {
    style == .unified ? lines.count : LineDiff.sideBySide(lines).count
  }

  public static func draw(_ lines: [LineDiff.Line], style: UIModel.DiffStyle, scroll: Int, into buffer: inout CellBuffer, rect: Rect) {
    guard !rect.isEmpty else { return }
    switch style {
    case .unified:
      let start = min(max(0, scroll), max(0, lines.count - 1))
      for (offset, line) in lines.dropFirst(start).prefix(rect.height).enumerated() {
        draw(line, x: rect.x, y: rect.y + offset, width: rect.width, into: &buffer)
      }
    case .sideBySide:
      let rows = LineDiff.sideBySide(lines)
      let half = (rect.width - 1) / 2
      let start = min(max(0, scroll), max(0, rows.count - 1))
      for (offset, row) in rows.dropFirst(start).prefix(rect.height).enumerated() {
        let y = rect.y + offset
        if let left = row.left { draw(left, x: rect.x, y: y, width: half, into: &buffer) }
        buffer.put("│", x: rect.x + half, y: y, role: .border, clip: rect)
        if let right = row.right { draw(right, x: rect.x + half + 1, y: y, width: rect.width - half - 1, into: &buffer) }
      }
    }
  }

  /// One diff line: a sign column, then the text.
  static func draw(_ line: LineDiff.Line, x: Int, y: Int, width: Int, into buffer: inout CellBuffer) {
    let clip = Rect(x: x, y: y, width: width, height: 1)
    switch line {
    case .same(let text, _, _):
      buffer.put("  ", x: x, y: y, role: .muted, clip: clip)
      PythonHighlighter.draw(text, x: x + 2, y: y, into: &buffer, clip: clip)
    case .removed(let text, _):
      buffer.put("- " + text.replacingTabs, x: x, y: y, role: .diffRemoved, clip: clip)
    case .added(let text, _):
      buffer.put("+ " + text.replacingTabs, x: x, y: y, role: .diffAdded, clip: clip)
    }
  }
}
