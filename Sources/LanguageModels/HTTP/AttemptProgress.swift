import Foundation

/// Whether an attempt has already handed output to the caller, after which it must not be retried silently.
final class AttemptProgress: @unchecked Sendable {
  // One flag guarded by `lock`, set by the attempt's consumer and read by the retry loop.
  private let lock = NSLock()
  private var delivered = false

  /// Records that output (a streamed chunk) reached the caller.
  func markDelivered() { lock.withLock { delivered = true } }

  var hasDeliveredOutput: Bool { lock.withLock { delivered } }

  /// The error for a stream that ended before its end marker (`reason` says which): text already shown cannot be
  /// taken back, so after output it is an interruption; before any, a connection failure the transport retries.
  func streamEndedEarly(_ stream: HTTPResponseStream, reason: String) -> HTTPBackendError {
    if hasDeliveredOutput { return .streamInterrupted(reason: reason) }
    return .connectionFailed(url: stream.response.url?.absoluteString ?? "", attempts: 1, reason: reason)
  }
}
