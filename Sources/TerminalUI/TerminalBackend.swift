/// A screen to draw frames on and a source of keys: ncurses for people, `TestTerminal` for tests.
///
/// Every call comes from the one thread that runs the UI loop.
public protocol TerminalBackend: AnyObject {
  /// The size in cells.
  var size: (width: Int, height: Int) { get }
  /// Shows `buffer` styled by `theme`.
  func draw(_ buffer: CellBuffer, theme: Theme)
  /// The next key, or nil when none arrives within `timeoutMilliseconds`.
  func readKey(timeoutMilliseconds: Int) -> KeyEvent?
  /// Hands the terminal to another program (an editor) until `resume`.
  func suspend()
  func resume()
  /// Ctrl-Z: restores the terminal, stops the process like the shell's job control would, and on `fg` takes the
  /// terminal back and repaints it.
  func suspendToShell()
  /// Restores the terminal for good.
  func shutdown()
}
