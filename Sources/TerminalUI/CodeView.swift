/// Text with line numbers: a program with Python colouring, or a prompt or reply as written; one line can be
/// marked (where the checker rejected the program), and the text scrolls sideways.
public enum CodeView {
  /// Columns before the text: a mark and the line number.
  static func gutterWidth(lineCount: Int) -> Int { 1 + max(2, String(lineCount).count) + 1 }

  public static func draw(
    _ lines: [String], scroll: Int, column: Int = 0, markedLine: Int? = nil, python: Bool = true,
    into buffer: inout CellBuffer, rect: Rect
  ) {
    guard !rect.isEmpty else { return }
    let numberWidth = gutterWidth(lineCount: lines.count) - 2
    let start = min(max(0, scroll), max(0, lines.count - 1))
    for (offset, line) in lines.dropFirst(start).prefix(rect.height).enumerated() {
      let number = start + offset + 1
      let y = rect.y + offset
      let marked = number == markedLine
      var x = buffer.put(marked ? "▶" : " ", x: rect.x, y: y, role: .bad, clip: rect)
      x = buffer.put(
        DisplayWidth.pad("\(number)", to: numberWidth, right: true) + " ", x: x, y: y, role: marked ? .bad : .muted,
        clip: rect)
      let text = Rect(x: x, y: y, width: rect.maxX - x, height: 1)
      if python {
        PythonHighlighter.draw(line, x: x - column, y: y, into: &buffer, clip: text)
      } else {
        let role: StyleRole = line.hasPrefix("```") ? .muted : .normal
        buffer.put(line.replacingTabs, x: x - column, y: y, role: role, clip: text)
      }
    }
  }
}
