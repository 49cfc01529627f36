import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The HTTP machinery shared by the server backends: one `URLSession`, a limit on requests in flight, a
/// per-attempt timeout, and retries with backoff on rate limits, server errors, timeouts and broken connections.
final class HTTPTransport: Sendable {
  let options: HTTPTransportOptions
  let limiter: ConcurrencyLimiter
  private let session: URLSession
  private let router: URLSessionEventRouter

  init(options: HTTPTransportOptions) {
    self.options = options
    limiter = ConcurrencyLimiter(limit: options.maxConcurrentRequests)
    router = URLSessionEventRouter()
    let configuration = URLSessionConfiguration.ephemeral
    // Our own deadline bounds each attempt; URLSession's timer is only a backstop, set a little later because
    // swift-corelibs-foundation truncates it to whole seconds (0.4 s would expire at once).
    configuration.timeoutIntervalForRequest = Self.backstopTimeout(options.requestTimeout)
    configuration.timeoutIntervalForResource = Self.backstopTimeout(options.requestTimeout)
    configuration.httpMaximumConnectionsPerHost = options.maxConcurrentRequests
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
  }

  /// URLSession's own timeout: whole seconds, after our deadline.
  private static func backstopTimeout(_ seconds: Double) -> Double { (seconds + 1).rounded(.up) }

  deinit {
    session.invalidateAndCancel()
  }

  /// Sends `request` until an attempt succeeds or the retry policy gives up; `consume` reads a 2xx reply.
  ///
  /// `consume` marks `progress` once it has passed output to the caller: from then on a failure ends the
  /// request with `streamInterrupted` instead of a retry that would repeat text already shown.
  func send<T: Sendable>(
    _ request: URLRequest, context: HTTPRequestContext,
    consume: @escaping @Sendable (HTTPResponseStream, AttemptProgress) async throws -> T
  ) async throws -> T {
    var request = request
    request.timeoutInterval = Self.backstopTimeout(options.requestTimeout)
    let policy = options.retryPolicy
    var attempt = 0
    while true {
      attempt += 1
      let progress = AttemptProgress()
      let failure: HTTPBackendError
      var retryAfter: Double?
      do {
        let frozenRequest = request
        return try await limiter.withSlot {
          try await self.withDeadline(self.options.requestTimeout) {
            try await self.runAttempt(frozenRequest, progress: progress, consume: consume)
          }
        }
      } catch let error as HTTPAttemptFailure {
        if case .status(_, let after, _) = error { retryAfter = after }
        failure = describe(error, request: request, attempts: attempt, context: context)
      } catch let error as HTTPBackendError {
        failure = error.counting(attempts: attempt)
      } catch is CancellationError {
        throw CancellationError()
      } catch {
        if Task.isCancelled { throw CancellationError() }
        failure = describe(transportError: error, request: request, attempts: attempt, context: context)
      }
      if progress.hasDeliveredOutput {
        if case .streamInterrupted = failure { throw failure }
        throw HTTPBackendError.streamInterrupted(reason: failure.description)
      }
      guard failure.isRetryable, attempt < policy.maxAttempts else { throw failure }
      let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
      try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
    }
  }

  /// One attempt: waits for the reply's head, turns a non-2xx status into a failure, else hands the body over.
  private func runAttempt<T: Sendable>(
    _ request: URLRequest, progress: AttemptProgress,
    consume: @Sendable (HTTPResponseStream, AttemptProgress) async throws -> T
  ) async throws -> T {
    var events = router.start(request, on: session).makeAsyncIterator()
    var head: HTTPURLResponse?
    while head == nil, let event = try await events.next() {
      if case .head(let response) = event { head = response }
    }
    try Task.checkCancellation()
    guard let head else {
      throw HTTPBackendError.malformedReply(reason: "the server closed the connection without a reply", excerpt: "")
    }
    let stream = HTTPResponseStream(response: head, events: events)
    guard (200..<300).contains(head.statusCode) else {
      let body = (try? await stream.readAll(limit: 64 << 10)) ?? Data()
      let retryAfter = RetryPolicy.retryAfterSeconds(stream.header("Retry-After"))
      throw HTTPAttemptFailure.status(head.statusCode, retryAfter: retryAfter, body: body)
    }
    let result = try await consume(stream, progress)
    try Task.checkCancellation()
    return result
  }

  /// Runs `operation`, cancelling it and throwing `deadlineExceeded` if it takes longer than `seconds`.
  private func withDeadline<T: Sendable>(
    _ seconds: Double, _ operation: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
      group.addTask { try await operation() }
      group.addTask {
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next() else { throw HTTPAttemptFailure.deadlineExceeded }
      guard let result = first else { throw HTTPAttemptFailure.deadlineExceeded }
      return result
    }
  }

  private func describe(
    _ failure: HTTPAttemptFailure, request: URLRequest, attempts: Int, context: HTTPRequestContext
  ) -> HTTPBackendError {
    switch failure {
    case .deadlineExceeded:
      return .timedOut(seconds: options.requestTimeout, attempts: attempts)
    case .status(let status, _, let body):
      let message = context.redact(HTTPBackendError.serverMessage(from: body))
      switch status {
      case 401, 403:
        return .authenticationFailed(
          status: status, environmentVariable: context.apiKeyVariable, serverMessage: message)
      case 404:
        return .notFound(url: endpointDescription(request), model: context.model, serverMessage: message)
      case 429:
        return .rateLimited(attempts: attempts, serverMessage: message)
      case 408:
        return .timedOut(seconds: options.requestTimeout, attempts: attempts)
      case 500...599:
        return .serverError(status: status, attempts: attempts, serverMessage: message)
      default:
        return .requestRejected(status: status, serverMessage: message)
      }
    }
  }

  private func describe(
    transportError error: Error, request: URLRequest, attempts: Int, context: HTTPRequestContext
  ) -> HTTPBackendError {
    let url = endpointDescription(request)
    guard let urlError = error as? URLError else {
      return .connectionFailed(url: url, attempts: attempts, reason: context.redact(String(describing: error)))
    }
    let reason: String
    switch urlError.code {
    case .timedOut:
      return .timedOut(seconds: options.requestTimeout, attempts: attempts)
    case .cannotConnectToHost: reason = "connection refused"
    case .cannotFindHost, .dnsLookupFailed: reason = "unknown host"
    case .networkConnectionLost: reason = "connection lost"
    case .notConnectedToInternet: reason = "no network"
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
      reason = "TLS handshake failed"
    case .badServerResponse: reason = "the server's reply is not valid HTTP"
    default: reason = "URL error \(urlError.code.rawValue)"
    }
    return .connectionFailed(url: url, attempts: attempts, reason: reason)
  }

  /// The request's URL without query or credentials, for messages.
  private func endpointDescription(_ request: URLRequest) -> String {
    guard let url = request.url, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
      return "(no URL)"
    }
    components.query = nil
    components.user = nil
    components.password = nil
    return components.string ?? url.absoluteString
  }
}
