@preconcurrency import CNcursesw
import Foundation

/// The real terminal through ncursesw: blits cell buffers, reads keys with `wget_wch`, restores the terminal
/// on exit and on crash signals.
public final class NcursesTerminal: TerminalBackend {
  private let screen: OpaquePointer
  private let input: UnsafeMutablePointer<FILE>
  private let output: UnsafeMutablePointer<FILE>
  public let colorSupport: ColorSupport
  private var appliedTheme: Theme?
  private var attributes: [attr_t] = []
  private var previous: CellBuffer?
  private var isActive = true

  /// Starts curses on standard input and output; throws when they are not a terminal.
  public init() throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
    // Saved before curses changes anything, so crash handlers can put the terminal back.
    _ = evo_save_termios(STDOUT_FILENO)
    evo_install_restore_handlers()
    setlocale(LC_ALL, "")
    guard let output = fdopen(dup(STDOUT_FILENO), "w"), let input = fdopen(dup(STDIN_FILENO), "r") else {
      evo_remove_restore_handlers()
      throw TerminalError.notATerminal
    }
    guard let screen = newterm(nil, output, input) else {
      evo_remove_restore_handlers()
      fclose(output)
      fclose(input)
      throw TerminalError.cannotInitialize(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
    }
    self.screen = screen
    self.input = input
    self.output = output
    set_term(screen)
    raw()
    noecho()
    nonl()
    keypad(evo_stdscr(), true)
    curs_set(0)
    if ProcessInfo.processInfo.environment["ESCDELAY"] == nil { set_escdelay(25) }
    var colors = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colors = Int(COLORS)
    }
    colorSupport = ColorSupport.detect(colors: colors)
  }

  public var size: (width: Int, height: Int) { (Int(evo_cols()), Int(evo_lines())) }

  /// Sets up one colour pair per style role.
  private func apply(_ theme: Theme) {
    attributes = []
    for role in StyleRole.allCases {
      let style = colorSupport.adapt(theme.style(role), normal: theme.style(.normal))
      var bits: attr_t = 0
      if style.bold { bits |= evo_attr_bold() }
      if style.dim { bits |= evo_attr_dim() }
      if style.underline { bits |= evo_attr_underline() }
      if style.reverse { bits |= evo_attr_reverse() }
      attributes.append(bits)
      if colorSupport != .none {
        init_pair(Int16(role.index + 1), Self.cursesColor(style.foreground), Self.cursesColor(style.background))
      }
    }
    appliedTheme = theme
    previous = nil
  }

  private static func cursesColor(_ color: TerminalColor) -> Int16 {
    switch color {
    case .terminalDefault: -1
    case .indexed(let index): Int16(index)
    }
  }

  public func draw(_ buffer: CellBuffer, theme: Theme) {
    if appliedTheme != theme { apply(theme) }
    let window = evo_stdscr()
    let reuse = previous.map { $0.width == buffer.width && $0.height == buffer.height } ?? false
    if !reuse { werase(window) }
    var text = [wchar_t](repeating: 0, count: 8)
    for y in 0..<buffer.height {
      for x in 0..<buffer.width {
        let cell = buffer[x, y]
        if cell.isContinuation { continue }
        if reuse, previous![x, y] == cell { continue }
        var count = 0
        for scalar in cell.grapheme.unicodeScalars where count < 5 {
          text[count] = wchar_t(bitPattern: scalar.value)
          count += 1
        }
        text[count] = 0
        let pair = colorSupport == .none ? 0 : Int16(cell.role.index + 1)
        // The bottom-right cell reports an error (the cursor cannot advance) after drawing; that is expected.
        _ = evo_put_cell(window, Int32(y), Int32(x), text, attributes[cell.role.index], pair)
      }
    }
    previous = buffer
    wnoutrefresh(window)
    doupdate()
  }

  public func readKey(timeoutMilliseconds: Int) -> KeyEvent? {
    let window = evo_stdscr()
    wtimeout(window, Int32(timeoutMilliseconds))
    var character: wint_t = 0
    let result = wget_wch(window, &character)
    if result == evo_key_code_yes() {
      switch Int32(character) {
      case KEY_UP: return .up
      case KEY_DOWN: return .down
      case KEY_LEFT: return .left
      case KEY_RIGHT: return .right
      case KEY_NPAGE: return .pageDown
      case KEY_PPAGE: return .pageUp
      case KEY_HOME: return .home
      case KEY_END: return .end
      case KEY_BTAB: return .backTab
      case KEY_BACKSPACE: return .backspace
      case KEY_ENTER: return .enter
      case evo_key_resize():
        previous = nil
        return .resize
      default: return nil
      }
    }
    guard result == OK else { return nil }
    switch character {
    case 3: return .interrupt
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(character) + 96)))
    default:
      guard let scalar = Unicode.Scalar(UInt32(character)), character >= 32 else { return nil }
      return .character(Character(scalar))
    }
  }

  public func suspend() {
    def_prog_mode()
    endwin()
  }

  public func resume() {
    reset_prog_mode()
    previous = nil
    clearok(evo_stdscr(), true)
  }

  public func suspendToShell() {
    def_prog_mode()
    endwin()
    fflush(output)
    // SIGTSTP with its default action stops the process as the terminal's own Ctrl-Z would (ncurses' handler
    // would redraw behind our back); the kernel discards it when no shell can continue us (an orphaned process
    // group), so the UI never stops for good. Execution continues here on SIGCONT, after `fg`.
    evo_stop_for_job_control()
    reset_prog_mode()
    previous = nil
    clearok(evo_stdscr(), true)
    wrefresh(evo_stdscr())
  }

  public func shutdown() {
    guard isActive else { return }
    isActive = false
    endwin()
    delscreen(screen)
    fclose(output)
    fclose(input)
    evo_remove_restore_handlers()
  }

  deinit { shutdown() }
}
