import Foundation

/// A thread-safe "stop now" flag that synchronous generation polls once per token.
public final class CancellationFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  public init() {}

  /// Asks the work watching this flag to stop.
  public func cancel() { lock.withLock { cancelled = true } }

  /// Whether `cancel()` was called.
  public var isCancelled: Bool { lock.withLock { cancelled } }
}
