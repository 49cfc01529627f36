import Foundation

/// Whether an attempt has already handed output to the caller, after which it must not be retried silently.
final class AttemptProgress: @unchecked Sendable {
  // One flag guarded by `lock`, set by the attempt's consumer and read by the retry loop.
  private let lock = NSLock()
  private var delivered = false

  /// Records that output (a streamed chunk) reached the caller.
  func markDelivered() { lock.withLock { delivered = true } }

  var hasDeliveredOutput: Bool { lock.withLock { delivered } }
}
