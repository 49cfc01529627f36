import Sessions

/// The bottom line: the filter prompt, a quit question, a message, or the keys of the view on screen (from the
/// key table: the help's keys while it is open, the detail's in the detail, the focused pane's before the rest).
public enum FooterBar {
  public static func draw(_ model: UIModel, _ state: SessionState, into buffer: inout CellBuffer, rect: Rect) {
    let live = model.isLive(state)
    buffer.fill(rect, role: .footer)
    if model.confirmingQuit {
      buffer.put(
        " The search is still running. Quit? y/q = quit, any other key = stay", x: rect.x, y: rect.y, role: .warning,
        clip: rect)
      return
    }
    if model.editor != nil {
      buffer.put(
        " Ctrl-S save  Esc cancel  ←↑↓→ move  Home/End line  Enter new line", x: rect.x, y: rect.y, role: .footer,
        clip: rect)
      return
    }
    if model.isEditingFilter {
      let end = buffer.put(" filter: " + model.filterText, x: rect.x, y: rect.y, role: .accent, clip: rect)
      buffer.put("▏", x: end, y: rect.y, role: .accent, clip: rect)
      buffer.put("  Enter keep  Esc clear", x: end + 1, y: rect.y, role: .footer, clip: rect)
      return
    }
    if let message = model.message {
      buffer.put(" " + message, x: rect.x, y: rect.y, role: .warning, clip: rect)
      return
    }
    var x = rect.x + 1
    var hints = KeyTable.footerHints(for: model.activeContexts(state))
    // `p` pauses a live run; a replay pauses with space (its own hint), and a finished run has nothing to pause.
    if !live { hints.removeAll { $0.key == "p" } }
    for hint in hints {
      let width = DisplayWidth.of(hint.key) + DisplayWidth.of(hint.label) + 3
      if x + width > rect.maxX { break }
      x = buffer.put(hint.key, x: x, y: rect.y, role: .accent, clip: rect)
      x = buffer.put(" " + hint.label + "  ", x: x, y: rect.y, role: .footer, clip: rect)
    }
    if !model.filterText.isEmpty {
      let label = "filter: \(model.filterText) "
      buffer.put(label, x: max(x, rect.maxX - DisplayWidth.of(label)), y: rect.y, role: .accent, clip: rect)
    }
  }
}
