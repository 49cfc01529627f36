/// Why the terminal UI cannot start.
public enum TerminalError: Error, CustomStringConvertible {
  /// Standard input or output is not a terminal.
  case notATerminal
  /// ncurses could not initialise the terminal (unknown `$TERM`).
  case cannotInitialize(term: String)

  public var description: String {
    switch self {
    case .notATerminal: "the terminal UI needs a terminal on standard input and output (use --headless otherwise)"
    case .cannotInitialize(let term): "ncurses cannot start on terminal type '\(term)' (set TERM, or use --headless)"
    }
  }
}
