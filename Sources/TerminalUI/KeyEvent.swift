/// A key press, decoded by the backend from curses key codes or written by tests.
public enum KeyEvent: Sendable, Hashable, CustomStringConvertible {
  case character(Character)
  /// A control key other than Tab, Enter, Backspace and Ctrl-C, by its lowercase letter (Ctrl-S is `control("s")`).
  case control(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace
  /// Ctrl-C (the terminal is in raw mode, so it arrives as a key).
  case interrupt
  /// The terminal changed size.
  case resize

  /// How help and the footer write the key.
  public var description: String {
    switch self {
    case .character(" "): "space"
    case .character(let character): String(character)
    case .control(let letter): "Ctrl-\(letter.uppercased())"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "Shift-Tab"
    case .backspace: "Backspace"
    case .interrupt: "Ctrl-C"
    case .resize: "resize"
    }
  }
}
