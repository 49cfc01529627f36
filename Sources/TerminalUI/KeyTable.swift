/// The single table of key bindings: dispatch reads it, and the help overlay and footer are generated from it.
public enum KeyTable {
  public static let bindings: [KeyBinding] = [
    KeyBinding([.character("q")], .quit, .global, "quit (asks first while a run is live)", footer: true),
    KeyBinding([.character("?")], .help, .global, "show or hide this help", footer: true),
    KeyBinding([.tab], .nextPane, .global, "focus the next pane", footer: true),
    KeyBinding([.backTab], .previousPane, .global, "focus the previous pane"),
    KeyBinding([.character("j"), .down], .down, .global, "move down", footer: true),
    KeyBinding([.character("k"), .up], .up, .global, "move up"),
    KeyBinding([.pageDown], .pageDown, .global, "page down"),
    KeyBinding([.pageUp], .pageUp, .global, "page up"),
    KeyBinding([.character("g"), .home], .top, .global, "go to the top"),
    KeyBinding([.character("G"), .end], .bottom, .global, "go to the bottom"),
    KeyBinding([.enter], .open, .global, "open the candidate: code and diff to each parent", footer: true),
    KeyBinding([.escape], .back, .global, "close, cancel or clear the filter"),
    KeyBinding([.character("/")], .filter, .global, "filter the population by text", footer: true),
    KeyBinding([.character("s")], .sortNext, .global, "sort by the next column"),
    KeyBinding([.character("S")], .sortReverse, .global, "reverse the sort order"),
    KeyBinding([.character("p")], .pause, .global, "pause or continue the run", footer: true),
    KeyBinding([.character("t")], .theme, .global, "next theme", footer: true),
    KeyBinding([.character("E")], .handEdit, .global, "hand-edit the selected program as a new candidate"),
    KeyBinding([.character("d")], .diffMode, .global, "diff: unified or side by side"),
    KeyBinding([.character("n")], .nextParent, .detail, "diff against the next parent"),
    KeyBinding([.character("a")], .accept, .review, "accept the proposal (or all marked)"),
    KeyBinding([.character("r")], .reject, .review, "reject the proposal (or all marked)"),
    KeyBinding([.character("e")], .edit, .review, "edit the proposal in $EDITOR, then accept it"),
    KeyBinding([.character(" ")], .mark, .review, "mark or unmark the proposal"),
    KeyBinding([.character(" ")], .replayTogglePause, .replay, "pause or continue the replay"),
    KeyBinding([.left], .replayStepBack, .replay, "step back one event"),
    KeyBinding([.right], .replayStepForward, .replay, "step forward one event"),
    KeyBinding([.character("+"), .character("=")], .replayFaster, .replay, "replay faster (x2)"),
    KeyBinding([.character("-")], .replaySlower, .replay, "replay slower (/2)"),
    KeyBinding([.character("[")], .replayPreviousRound, .replay, "jump to the previous round"),
    KeyBinding([.character("]")], .replayNextRound, .replay, "jump to the next round"),
  ]

  /// The command for `key` given the active contexts; specific contexts win over global bindings.
  public static func command(for key: KeyEvent, in contexts: [KeyContext]) -> UICommand? {
    for context in contexts + [.global] {
      if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
        return binding.command
      }
    }
    return nil
  }

  /// The footer hint: the bindings marked for it, as `key label` pairs.
  public static var footerHints: [(key: String, label: String)] {
    bindings.filter(\.inFooter).map { binding in
      let label: String
      switch binding.command {
      case .quit: label = "quit"
      case .help: label = "help"
      case .nextPane: label = "pane"
      case .down: label = "move"
      case .open: label = "open"
      case .filter: label = "filter"
      case .pause: label = "pause"
      case .theme: label = "theme"
      default: label = binding.command.rawValue
      }
      let key = binding.command == .down ? "↑↓/jk" : binding.keyLabel
      return (key, label)
    }
  }
}
