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

extension CancellationFlag {
  /// Runs `body` on a thread of its own with an 8 MiB stack (decoding and training block for seconds: too long for
  /// the cooperative pool) and returns its result; cancelling the calling task sets the flag `body` is given,
  /// which it polls to stop early.
  public static func runOnDedicatedThread<Result: Sendable>(
    _ body: @escaping @Sendable (CancellationFlag) throws -> Result
  ) async throws -> Result {
    let cancellation = CancellationFlag()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
          do {
            continuation.resume(returning: try body(cancellation))
          } catch {
            continuation.resume(throwing: error)
          }
        }
        thread.stackSize = 8 << 20
        thread.start()
      }
    } onCancel: {
      cancellation.cancel()
    }
  }
}
