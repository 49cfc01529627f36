import Foundation

/// Why one attempt failed, before the retry loop decides whether to try again.
enum HTTPAttemptFailure: Error {
  /// The server answered with a non-2xx status.
  case status(Int, retryAfter: Double?, body: Data)
  /// The attempt ran past the per-request timeout.
  case deadlineExceeded
}
