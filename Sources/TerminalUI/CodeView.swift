/// A program with line numbers and Python colouring.
public enum CodeView {
  public static func draw(_ code: String, scroll: Int, highlightLine: Int? = nil, into buffer: inout CellBuffer, rect: Rect) {
    guard !rect.isEmpty else { return }
    let lines = LineDiff.lines(code)
    let numberWidth = max(2, String(lines.count).count)
    let start = min(max(0, scroll), max(0, lines.count - 1))
    for (offset, line) in lines.dropFirst(start).prefix(rect.height).enumerated() {
      let number = start + offset + 1
      let y = rect.y + offset
      let numberRole: StyleRole = number == highlightLine ? .bad : .muted
      buffer.put(DisplayWidth.pad("\(number)", to: numberWidth, right: true) + " ", x: rect.x, y: y, role: numberRole, clip: rect)
      PythonHighlighter.draw(line, x: rect.x + numberWidth + 1, y: y, into: &buffer, clip: rect)
    }
  }
}
