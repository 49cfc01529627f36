import Synchronization

/// How the caller of an HTTP backend hears about retries and stops them: set it for a request with
/// `RetryControl.$current.withValue(control) { … }` (task-local, so the requests a backend makes concurrently
/// for one call all see it).
///
/// Before waiting to retry, the transport tells `onRetry` which attempt failed, why, and how long it will wait,
/// and awaits it (so a search records the retry before anything else happens). After `stop()` no new attempt
/// starts: a wait in progress ends at once and the request fails with `HTTPBackendError.stopped`. An attempt
/// already under way runs to its end (or its time limit): its reply may still be used.
public final class RetryControl: Sendable {
  /// One retry about to happen.
  public struct Notice: Sendable, Equatable {
    /// The attempt that failed (1-based) and how many attempts the policy allows.
    public var failedAttempt: Int
    public var maxAttempts: Int
    /// Seconds until the next attempt.
    public var delaySeconds: Double
    /// Why the attempt failed, worded for the person running the search.
    public var reason: String
  }

  /// The control of the current task's requests, if the caller set one.
  @TaskLocal public static var current: RetryControl?

  private let onRetry: @Sendable (Notice) async -> Void
  private let stopped = Atomic(false)

  public init(onRetry: @escaping @Sendable (Notice) async -> Void = { _ in }) {
    self.onRetry = onRetry
  }

  /// No new attempts from now on.
  public func stop() { stopped.store(true, ordering: .sequentiallyConsistent) }

  public var isStopped: Bool { stopped.load(ordering: .sequentiallyConsistent) }

  func notify(_ notice: Notice) async { await onRetry(notice) }

  /// Waits `seconds`, ending early (and returning false) when `stop()` is called.
  func wait(seconds: Double) async throws -> Bool {
    var left = seconds
    while left > 0 {
      if isStopped { return false }
      let slice = min(left, 0.1)
      try await Task.sleep(nanoseconds: UInt64(slice * 1e9))
      left -= slice
    }
    return !isStopped
  }
}
