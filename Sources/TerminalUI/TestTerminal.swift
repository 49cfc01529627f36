/// An in-memory terminal: scripted keys in, frames out, for tests of the whole UI loop.
public final class TestTerminal: TerminalBackend {
  public var size: (width: Int, height: Int)
  /// Keys still to deliver, in order; `nil` entries are timeouts.
  public var pendingKeys: [KeyEvent?]
  /// Every frame drawn, with the theme's name.
  public private(set) var frames: [(buffer: CellBuffer, theme: String)] = []
  public private(set) var suspendCount = 0
  public private(set) var shellSuspendCount = 0
  public private(set) var isShutDown = false

  public init(width: Int, height: Int, keys: [KeyEvent?] = []) {
    size = (width, height)
    pendingKeys = keys
  }

  public var lastFrame: CellBuffer? { frames.last?.buffer }

  public func draw(_ buffer: CellBuffer, theme: Theme) {
    frames.append((buffer, theme.name))
  }

  public func readKey(timeoutMilliseconds: Int) -> KeyEvent? {
    pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
  }

  public func suspend() { suspendCount += 1 }
  public func resume() {}
  public func suspendToShell() { shellSuspendCount += 1 }
  public func shutdown() { isShutDown = true }
}
