/// An asynchronous counting semaphore: at most `limit` holders at a time, later callers wait in FIFO order.
///
/// Each HTTP backend owns one, so a population of concurrent proposals never floods a server with more than
/// `limit` requests in flight.
public actor ConcurrencyLimiter {
  public let limit: Int
  private var available: Int
  private var waiters: [(id: Int, continuation: CheckedContinuation<Void, Error>)] = []
  private var nextWaiterID = 0

  public init(limit: Int) {
    self.limit = max(1, limit)
    available = max(1, limit)
  }

  /// Runs `operation` while holding one slot.
  public nonisolated func withSlot<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
    try await acquire()
    do {
      let result = try await operation()
      await release()
      return result
    } catch {
      await release()
      throw error
    }
  }

  /// Takes a slot, waiting for one if none is free; throws `CancellationError` if cancelled while waiting.
  public func acquire() async throws {
    try Task.checkCancellation()
    if available > 0 {
      available -= 1
      return
    }
    let id = nextWaiterID
    nextWaiterID += 1
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
        waiters.append((id, continuation))
      }
    } onCancel: {
      Task { await self.cancelWaiter(id) }
    }
  }

  /// Returns a slot, handing it straight to the longest waiter if there is one.
  public func release() {
    if waiters.isEmpty {
      available = min(limit, available + 1)
    } else {
      waiters.removeFirst().continuation.resume()
    }
  }

  /// Requests currently holding a slot.
  public var inFlight: Int { limit - available }

  private func cancelWaiter(_ id: Int) {
    guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
    waiters.remove(at: index).continuation.resume(throwing: CancellationError())
  }
}
