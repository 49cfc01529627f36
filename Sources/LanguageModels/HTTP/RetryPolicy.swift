import Foundation

/// When and how long an HTTP backend waits before trying a failed request again.
///
/// Rate limits (429), server errors (5xx), timeouts and broken connections are retried with exponential
/// backoff and jitter, at most `maxAttempts` attempts in all. A server's `Retry-After` wins over the computed
/// delay (capped at `maxRetryAfter`), since it knows when capacity returns.
public struct RetryPolicy: Sendable, Equatable {
  /// Attempts in all, the first included (1: never retry).
  public var maxAttempts: Int
  /// Delay before the first retry, in seconds.
  public var initialDelay: Double
  /// Each further retry waits this many times longer.
  public var multiplier: Double
  /// Longest computed delay, in seconds.
  public var maxDelay: Double
  /// Fraction of each computed delay that is random (0: none, 1: anywhere between 0 and the delay), so many
  /// clients rejected together do not return together.
  public var jitter: Double
  /// Longest `Retry-After` honoured, in seconds; longer requests are cut to this.
  public var maxRetryAfter: Double

  public init(
    maxAttempts: Int = 4, initialDelay: Double = 0.5, multiplier: Double = 2, maxDelay: Double = 20,
    jitter: Double = 0.5, maxRetryAfter: Double = 60
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.initialDelay = max(0, initialDelay)
    self.multiplier = max(1, multiplier)
    self.maxDelay = max(0, maxDelay)
    self.jitter = min(1, max(0, jitter))
    self.maxRetryAfter = max(0, maxRetryAfter)
  }

  /// Never retries.
  public static let none = RetryPolicy(maxAttempts: 1)

  /// Seconds to wait after failed attempt number `attempt` (1-based); `retryAfter` is the server's request.
  public func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Double {
    if let retryAfter { return min(max(0, retryAfter), maxRetryAfter) }
    let exponent = Double(max(0, attempt - 1))
    let base = min(maxDelay, initialDelay * pow(multiplier, exponent))
    return base * (1 - jitter * Double.random(in: 0..<1))
  }

  /// Seconds from a `Retry-After` header: delta-seconds (`"2"`, leniently `"0.5"`) or an HTTP date.
  public static func retryAfterSeconds(_ header: String?, now: Date = Date()) -> Double? {
    guard let value = header?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    if let seconds = Double(value), seconds.isFinite { return max(0, seconds) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: value) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }
}
