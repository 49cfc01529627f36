/// Draws a line diff, unified (`+`/`-` lines) or side by side, with line numbers, Python colouring on unchanged
/// lines, a mark on one line of the new text (where the checker rejected it), and sideways scrolling.
public enum DiffView {
  /// Rows the diff needs in `style`.
  public static func rowCount(_ lines: [LineDiff.Line], style: UIModel.DiffStyle) -> Int {
    style == .unified ? lines.count : LineDiff.sideBySide(lines).count
  }

  /// Columns of line numbers for the larger of the two texts.
  static func numberWidth(_ lines: [LineDiff.Line]) -> Int {
    let largest = lines.reduce(0) { largest, line in
      switch line {
      case .same(_, let old, let new): max(largest, old, new)
      case .removed(_, let old): max(largest, old)
      case .added(_, let new): max(largest, new)
      }
    }
    return max(2, String(largest).count)
  }

  /// Columns before the text: a mark, the line number(s) and the sign.
  static func gutterWidth(_ lines: [LineDiff.Line], style: UIModel.DiffStyle) -> Int {
    let number = numberWidth(lines)
    return style == .unified ? 1 + number + 1 + number + 1 + 2 : 1 + number + 1 + 2
  }

  public static func draw(
    _ lines: [LineDiff.Line], style: UIModel.DiffStyle, scroll: Int, column: Int = 0, markedLine: Int? = nil,
    into buffer: inout CellBuffer, rect: Rect
  ) {
    guard !rect.isEmpty else { return }
    let numbers = numberWidth(lines)
    switch style {
    case .unified:
      let start = min(max(0, scroll), max(0, lines.count - 1))
      for (offset, line) in lines.dropFirst(start).prefix(rect.height).enumerated() {
        let row = Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: 1)
        var old: Int?, new: Int?
        switch line {
        case .same(_, let o, let n): (old, new) = (o, n)
        case .removed(_, let o): old = o
        case .added(_, let n): new = n
        }
        let marked = new != nil && new == markedLine
        var x = buffer.put(marked ? "▶" : " ", x: row.x, y: row.y, role: .bad, clip: row)
        let numberRole: StyleRole = marked ? .bad : .muted
        x = buffer.put(
          number(old, numbers) + " " + number(new, numbers) + " ", x: x, y: row.y, role: numberRole, clip: row)
        draw(line, x: x, y: row.y, width: row.maxX - x, column: column, into: &buffer)
      }
    case .sideBySide:
      let rows = LineDiff.sideBySide(lines)
      let half = (rect.width - 1) / 2
      let start = min(max(0, scroll), max(0, rows.count - 1))
      for (offset, row) in rows.dropFirst(start).prefix(rect.height).enumerated() {
        let y = rect.y + offset
        if let left = row.left {
          side(
            left, number: oldNumber(left), marked: false, x: rect.x, y: y, width: half, numbers: numbers,
            column: column, into: &buffer)
        }
        buffer.put("│", x: rect.x + half, y: y, role: .border, clip: rect)
        if let right = row.right {
          let new = newNumber(right)
          side(
            right, number: new, marked: new != nil && new == markedLine, x: rect.x + half + 1, y: y,
            width: rect.width - half - 1, numbers: numbers, column: column, into: &buffer)
        }
      }
    }
  }

  private static func number(_ value: Int?, _ width: Int) -> String {
    DisplayWidth.pad(value.map(String.init) ?? "", to: width, right: true)
  }

  private static func oldNumber(_ line: LineDiff.Line) -> Int? {
    switch line {
    case .same(_, let old, _), .removed(_, let old): old
    case .added: nil
    }
  }

  private static func newNumber(_ line: LineDiff.Line) -> Int? {
    switch line {
    case .same(_, _, let new), .added(_, let new): new
    case .removed: nil
    }
  }

  /// One half of a side-by-side row: mark, number, sign and text.
  private static func side(
    _ line: LineDiff.Line, number value: Int?, marked: Bool, x: Int, y: Int, width: Int, numbers: Int, column: Int,
    into buffer: inout CellBuffer
  ) {
    let clip = Rect(x: x, y: y, width: width, height: 1)
    var next = buffer.put(marked ? "▶" : " ", x: x, y: y, role: .bad, clip: clip)
    next = buffer.put(number(value, numbers) + " ", x: next, y: y, role: marked ? .bad : .muted, clip: clip)
    draw(line, x: next, y: y, width: clip.maxX - next, column: column, into: &buffer)
  }

  /// One diff line from `x`: a sign column, then the text scrolled `column` columns to the left.
  static func draw(_ line: LineDiff.Line, x: Int, y: Int, width: Int, column: Int = 0, into buffer: inout CellBuffer) {
    guard width > 0 else { return }
    let clip = Rect(x: x, y: y, width: width, height: 1)
    let text = Rect(x: x + 2, y: y, width: width - 2, height: 1)
    switch line {
    case .same(let content, _, _):
      buffer.put("  ", x: x, y: y, role: .muted, clip: clip)
      PythonHighlighter.draw(content, x: text.x - column, y: y, into: &buffer, clip: text)
    case .removed(let content, _):
      buffer.put("- ", x: x, y: y, role: .diffRemoved, clip: clip)
      buffer.put(content.replacingTabs, x: text.x - column, y: y, role: .diffRemoved, clip: text)
    case .added(let content, _):
      buffer.put("+ ", x: x, y: y, role: .diffAdded, clip: clip)
      buffer.put(content.replacingTabs, x: text.x - column, y: y, role: .diffAdded, clip: text)
    }
  }
}
