import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

extension URLSessionTask {
  /// Cancels the task from another thread, without waiting for it.
  ///
  /// swift-corelibs-foundation's `cancel()` waits for the session's work queue. A Swift task's cancellation
  /// handlers (and an `AsyncStream`'s `onTermination` on cancellation) run while that task's status lock is held,
  /// and a transfer finishing on the work queue needs the same lock to resume the task: cancelling synchronously
  /// from there deadlocks both threads (swift-corelibs-foundation #5412; `URLSession.data(for:)` itself does it in
  /// Swift 6.3.1, seen as a hung Ray cancellation test).
  public func cancelWithoutWaiting() {
    let task = UncheckedSendableTask(task: self)
    DispatchQueue.global().async { task.task.cancel() }
  }
}

private struct UncheckedSendableTask: @unchecked Sendable {
  let task: URLSessionTask
}

extension URLSession {
  /// `data(for:)` whose cancellation cannot deadlock (see `URLSessionTask.cancelWithoutWaiting`). A cancelled
  /// request ends with the error the session reports for it (`URLError.cancelled`), or `CancellationError` when
  /// the task was cancelled before the request started.
  public func dataCancellingWithoutWaiting(for request: URLRequest) async throws -> (Data, URLResponse) {
    let pending = PendingDataTask()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let task = dataTask(with: request) { data, response, error in
          if let error {
            continuation.resume(throwing: error)
          } else if let response {
            continuation.resume(returning: (data ?? Data(), response))
          } else {
            continuation.resume(throwing: URLError(.badServerResponse))
          }
        }
        pending.start(task)
      }
    } onCancel: {
      pending.cancel()
    }
  }
}

/// A data task and whether its Swift task was cancelled, whichever comes first.
private final class PendingDataTask: @unchecked Sendable {
  // `task` and `cancelled` are guarded by `lock`.
  private let lock = NSLock()
  private var task: URLSessionDataTask?
  private var cancelled = false

  func start(_ task: URLSessionDataTask) {
    let cancelledAlready = lock.withLock {
      self.task = task
      return cancelled
    }
    task.resume()
    if cancelledAlready { task.cancelWithoutWaiting() }
  }

  func cancel() {
    let task = lock.withLock {
      cancelled = true
      return self.task
    }
    task?.cancelWithoutWaiting()
  }
}
