import Foundation

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
  /// Holds the scripted keys back (each read times out) until a drawn frame satisfies this, e.g. until the pane
  /// the keys act on is shown: a test waits on what the UI draws instead of sleeping. After `holdLimit` seconds
  /// the keys flow anyway, so a UI that never draws it fails the test rather than hanging it.
  public var holdKeysUntil: ((CellBuffer) -> Bool)?
  public var holdLimit: TimeInterval = 30
  private var holdStarted: Date?

  public init(width: Int, height: Int, keys: [KeyEvent?] = []) {
    size = (width, height)
    pendingKeys = keys
  }

  public var lastFrame: CellBuffer? { frames.last?.buffer }

  public func draw(_ buffer: CellBuffer, theme: Theme) {
    frames.append((buffer, theme.name))
  }

  public func readKey(timeoutMilliseconds: Int) -> KeyEvent? {
    if let condition = holdKeysUntil {
      let started = holdStarted ?? Date()
      holdStarted = started
      if let frame = lastFrame, condition(frame) {
        holdKeysUntil = nil
      } else if Date().timeIntervalSince(started) < holdLimit {
        // A real terminal's read waits out its timeout when no key comes.
        Thread.sleep(forTimeInterval: Double(min(max(timeoutMilliseconds, 1), 10)) / 1000)
        return nil
      } else {
        holdKeysUntil = nil
      }
    }
    return pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
  }

  public func suspend() { suspendCount += 1 }
  public func resume() {}
  public func suspendToShell() { shellSuspendCount += 1 }
  public func shutdown() { isShutDown = true }
}
