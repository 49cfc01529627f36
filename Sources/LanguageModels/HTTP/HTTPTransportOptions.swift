/// How an HTTP backend talks to its server: time limit per attempt, retries and requests in flight.
public struct HTTPTransportOptions: Sendable, Equatable {
  /// Longest time one attempt may take, from sending the request to the last byte of the reply, in seconds.
  ///
  /// It bounds a whole generation (streamed or not), so it must exceed the slowest expected completion.
  public var requestTimeout: Double
  public var retryPolicy: RetryPolicy
  /// Most requests this backend instance has in flight at once; further requests wait their turn.
  public var maxConcurrentRequests: Int

  public init(requestTimeout: Double = 300, retryPolicy: RetryPolicy = RetryPolicy(), maxConcurrentRequests: Int = 4) {
    self.requestTimeout = max(0.001, requestTimeout)
    self.retryPolicy = retryPolicy
    self.maxConcurrentRequests = max(1, maxConcurrentRequests)
  }
}
