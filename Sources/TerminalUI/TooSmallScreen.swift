/// What a terminal below the minimum size shows instead of the UI.
public enum TooSmallScreen {
  public static func draw(into buffer: inout CellBuffer, minimumWidth: Int, minimumHeight: Int) {
    let lines = [
      "terminal too small",
      "need at least \(minimumWidth)×\(minimumHeight)",
      "have \(buffer.width)×\(buffer.height)",
      "q quits",
    ]
    let top = max(0, (buffer.height - lines.count) / 2)
    for (offset, line) in lines.enumerated() {
      let text = DisplayWidth.truncate(line, to: buffer.width)
      buffer.put(
        text, x: max(0, (buffer.width - DisplayWidth.of(text)) / 2), y: top + offset, role: offset == 0 ? .bad : .normal
      )
    }
  }
}
