import Synchronization

/// A thread-safe "stop now" flag that synchronous generation polls once per token.
public final class CancellationFlag: Sendable {
  private let cancelled = Atomic<Bool>(false)

  public init() {}

  /// Asks the work watching this flag to stop.
  public func cancel() { cancelled.store(true, ordering: .releasing) }

  /// Whether `cancel()` was called.
  public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }
}
