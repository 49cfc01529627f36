/// The single table of key bindings: dispatch reads it, and the help overlay and footer are generated from it.
public enum KeyTable {
  public static let bindings: [KeyBinding] = [
    KeyBinding([.character("q")], .quit, .global, "quit (asks first while a run is live)", footer: "quit"),
    KeyBinding([.character("?")], .help, .global, "show or hide this help", footer: "help"),
    KeyBinding([.tab], .nextPane, .global, "focus the next pane: population, plots, language model", footer: "pane"),
    KeyBinding([.backTab], .previousPane, .global, "focus the previous pane"),
    KeyBinding([.character("j"), .down], .down, .global, "move down", footer: "move", footerKeys: "↑↓/jk"),
    KeyBinding([.character("k"), .up], .up, .global, "move up"),
    KeyBinding([.pageDown], .pageDown, .global, "page down"),
    KeyBinding([.pageUp], .pageUp, .global, "page up"),
    KeyBinding([.character("g"), .home], .top, .global, "go to the top"),
    KeyBinding([.character("G"), .end], .bottom, .global, "go to the bottom"),
    KeyBinding(
      [.enter], .open, .global, "open the candidate: deltas, training curve, diff, code, prompt and reply",
      footer: "open"),
    KeyBinding([.escape], .back, .global, "close, cancel or clear the filter"),
    KeyBinding([.character("/")], .filter, .global, "filter the population by text", footer: "filter"),
    KeyBinding([.character("s")], .sortNext, .global, "sort by the next column (fitness first)", footer: "sort"),
    KeyBinding([.character("S")], .sortReverse, .global, "reverse the sort order"),
    KeyBinding([.character("p")], .pause, .global, "pause or continue the run", footer: "pause"),
    KeyBinding([.character("t")], .theme, .global, "next theme", footer: "theme"),
    KeyBinding([.character("E")], .handEdit, .global, "hand-edit the selected program as a new candidate"),
    KeyBinding([.character("d")], .diffMode, .global, "diff: unified or side by side"),
    KeyBinding([.control("z")], .suspend, .global, "suspend to the shell (fg brings the UI back)"),

    KeyBinding([.character("j"), .down], .down, .help, "scroll down", footer: "scroll", footerKeys: "↑↓/jk"),
    KeyBinding([.character("k"), .up], .up, .help, "scroll up"),
    KeyBinding([.pageDown, .character(" ")], .pageDown, .help, "page down", footer: "page", footerKeys: "PgUp/PgDn"),
    KeyBinding([.pageUp, .character("b")], .pageUp, .help, "page up"),
    KeyBinding([.character("g"), .home], .top, .help, "go to the top"),
    KeyBinding([.character("G"), .end], .bottom, .help, "go to the end", footer: "top/end", footerKeys: "g/G"),
    KeyBinding(
      [.character("q"), .escape, .character("?"), .enter], .back, .help, "close the help", footer: "close",
      footerKeys: "q/Esc"),

    KeyBinding(
      [.character("q"), .escape], .back, .detail, "close the candidate, back to the table", footer: "close",
      footerKeys: "q/Esc"),
    KeyBinding([.character("j"), .down], .down, .detail, "scroll down", footer: "scroll", footerKeys: "↑↓/jk"),
    KeyBinding([.character("k"), .up], .up, .detail, "scroll up"),
    KeyBinding([.left, .character("h")], .left, .detail, "scroll left", footer: "pan", footerKeys: "←→/hl"),
    KeyBinding([.right, .character("l")], .right, .detail, "scroll right"),
    KeyBinding([.tab], .nextTab, .detail, "next tab: diff, code, prompt, reply", footer: "tab"),
    KeyBinding([.backTab], .previousTab, .detail, "previous tab"),
    KeyBinding([.character("n")], .nextParent, .detail, "diff and deltas against the next parent", footer: "parent"),
    KeyBinding([.character("d")], .diffMode, .detail, "diff: unified or side by side", footer: "split"),

    KeyBinding(
      [.character("j"), .down], .down, .plots, "next point on the Pareto plot (fewer params first)", footer: "point",
      footerKeys: "jk"),
    KeyBinding([.character("k"), .up], .up, .plots, "previous point on the Pareto plot"),
    KeyBinding([.enter], .open, .plots, "open the selected point's candidate", footer: "open"),

    KeyBinding([.character("k"), .up], .up, .log, "scroll up (older replies)", footer: "scroll", footerKeys: "↑↓/jk"),
    KeyBinding([.character("j"), .down], .down, .log, "scroll down (newer replies)"),
    KeyBinding([.character("h")], .left, .log, "scroll left", footer: "pan", footerKeys: "hl"),
    KeyBinding([.character("l")], .right, .log, "scroll right"),

    KeyBinding([.character("a")], .accept, .review, "accept the proposal (or all marked)", footer: "accept"),
    KeyBinding([.character("r")], .reject, .review, "reject the proposal (or all marked)", footer: "reject"),
    KeyBinding([.character("e")], .edit, .review, "edit the proposal in $EDITOR, then accept it", footer: "edit"),
    KeyBinding([.character(" ")], .mark, .review, "mark or unmark the proposal"),

    KeyBinding([.character(" ")], .replayTogglePause, .replay, "pause or continue the replay", footer: "pause"),
    KeyBinding([.left], .replayStepBack, .replay, "step back one event", footer: "step", footerKeys: "←→"),
    KeyBinding([.right], .replayStepForward, .replay, "step forward one event"),
    KeyBinding(
      [.character("+"), .character("=")], .replayFaster, .replay, "replay faster (x2)", footer: "speed",
      footerKeys: "+-"),
    KeyBinding([.character("-")], .replaySlower, .replay, "replay slower (/2)"),
    KeyBinding(
      [.character("[")], .replayPreviousRound, .replay, "jump to the previous round", footer: "round", footerKeys: "[]"),
    KeyBinding([.character("]")], .replayNextRound, .replay, "jump to the next round"),
  ]

  /// The command for `key` given the active contexts (most specific first); specific contexts win over global
  /// bindings, and the help takes every key (nothing behind it reacts while it is open).
  public static func command(for key: KeyEvent, in contexts: [KeyContext]) -> UICommand? {
    let searched = contexts.first == .help ? [.help] : contexts + [.global]
    for context in searched {
      if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
        return binding.command
      }
    }
    return nil
  }

  /// The footer's hints for the active contexts: a sub-view's own keys (and help), or the main screen's
  /// context keys before the general ones; a command shows once, from its most specific context.
  public static func footerHints(for contexts: [KeyContext]) -> [(key: String, label: String)] {
    let shown: [KeyContext]
    if let subView = contexts.first(where: \.isSubView) {
      shown = subView == .help ? [.help] : [subView]
    } else {
      shown = contexts + [.global]
    }
    var seen: Set<UICommand> = []
    var hints: [(key: String, label: String)] = []
    for context in shown {
      for binding in bindings where binding.context == context {
        guard let label = binding.footerLabel, !seen.contains(binding.command) else { continue }
        seen.insert(binding.command)
        hints.append((binding.footerKeys ?? binding.keyLabel, label))
      }
    }
    if shown == [.detail] { hints.append(("?", "help")) }
    return hints
  }
}
