/// Draws the built-in editor: line numbers, Python colouring, and the cursor as a highlighted cell.
public enum TextEditorView {
  public static func draw(_ editor: TextEditorState, into buffer: inout CellBuffer, rect: Rect) {
    let purpose = editor.purpose == .review ? "review edit" : "hand edit (new candidate)"
    buffer.fill(rect, role: .normal)
    buffer.box(rect, title: "Editing \(editor.candidateID) · \(purpose) · Ctrl-S save · Esc cancel", role: .accent)
    let inner = rect.inset(by: 1)
    guard !inner.isEmpty else { return }
    let numberWidth = max(2, String(editor.lines.count).count)
    // Keep the cursor's line on screen without remembering a scroll position.
    let top = max(0, min(editor.row - inner.height / 2, editor.lines.count - inner.height))
    let textWidth = inner.width - numberWidth - 1
    // Scroll sideways when the cursor passes the right edge.
    let left = max(0, editor.column - textWidth + 1)
    for offset in 0..<inner.height {
      let index = top + offset
      guard index < editor.lines.count else { break }
      let y = inner.y + offset
      buffer.put(
        DisplayWidth.pad("\(index + 1)", to: numberWidth, right: true), x: inner.x, y: y,
        role: index == editor.row ? .accent : .muted)
      let clip = Rect(x: inner.x + numberWidth + 1, y: y, width: textWidth, height: 1)
      let visible = String(editor.lines[index].dropFirst(left))
      PythonHighlighter.draw(visible, x: clip.x, y: y, into: &buffer, clip: clip)
      if index == editor.row {
        let line = Array(editor.lines[index])
        let before = String(line[left..<min(editor.column, line.count)])
        let cursorX = clip.x + DisplayWidth.of(before)
        let under = editor.column < line.count ? line[editor.column] : " "
        if cursorX < clip.maxX { buffer.put(String(under), x: cursorX, y: y, role: .selection, clip: clip) }
      }
    }
  }
}
