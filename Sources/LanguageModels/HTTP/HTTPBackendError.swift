import Foundation

/// Why a request to a language-model server failed, worded for the person running the search.
///
/// Every server text carried here has been passed through `APIKey.redact`, so descriptions never show a key.
public enum HTTPBackendError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
  /// No key in the named environment variable.
  case missingAPIKey(environmentVariable: String)
  /// The base URL cannot be turned into an endpoint URL.
  case invalidBaseURL(String)
  /// 401 or 403: the key is missing, wrong or not allowed to use the model.
  case authenticationFailed(status: Int, environmentVariable: String?, serverMessage: String)
  /// 404: wrong base URL, endpoint style or model name.
  case notFound(url: String, model: String, serverMessage: String)
  /// 429 on every attempt.
  case rateLimited(attempts: Int, serverMessage: String)
  /// 5xx on the last attempt.
  case serverError(status: Int, attempts: Int, serverMessage: String)
  /// Another 4xx: the server refused the request as written (bad parameter, prompt too long, …).
  case requestRejected(status: Int, serverMessage: String)
  /// No complete reply within the per-request timeout, on every attempt.
  case timedOut(seconds: Double, attempts: Int)
  /// The connection could not be made or broke, on every attempt.
  case connectionFailed(url: String, attempts: Int, reason: String)
  /// The reply is not what the API promises; `excerpt` is the start of the body.
  case malformedReply(reason: String, excerpt: String)
  /// The server answered 2xx but the reply itself reports an error (servers do this mid-stream).
  case errorInReply(serverMessage: String)
  /// A streamed reply broke off after part of it had already been delivered, so it cannot be retried quietly.
  case streamInterrupted(reason: String)

  public var description: String {
    switch self {
    case .missingAPIKey(let variable):
      return "no API key: set the environment variable \(variable)"
    case .invalidBaseURL(let url):
      return "invalid base URL '\(url)': expected e.g. http://127.0.0.1:8080/v1"
    case .authenticationFailed(let status, let variable, let message):
      let hint =
        variable.map { "check \($0) (is the key valid and allowed to use this model?)" }
        ?? "check the API key (is it set, valid and allowed to use this model?)"
      return "authentication failed (HTTP \(status)): \(hint)\(Self.suffix(message))"
    case .notFound(let url, let model, let message):
      return "model or endpoint not found: \(url) with model '\(model)' (HTTP 404), check --base-url and --model"
        + Self.suffix(message)
    case .rateLimited(let attempts, let message):
      return "rate limited (HTTP 429) on all \(attempts) attempts: lower the concurrency or wait\(Self.suffix(message))"
    case .serverError(let status, let attempts, let message):
      return "server error (HTTP \(status)) after \(attempts) attempt\(attempts == 1 ? "" : "s")\(Self.suffix(message))"
    case .requestRejected(let status, let message):
      return "request rejected (HTTP \(status))\(Self.suffix(message))"
    case .timedOut(let seconds, let attempts):
      let limit = seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
      return
        "no reply within \(limit) s on all \(attempts) attempt\(attempts == 1 ? "" : "s"): is the server overloaded?"
    case .connectionFailed(let url, let attempts, let reason):
      return "cannot reach \(url) (\(attempts) attempt\(attempts == 1 ? "" : "s")): \(reason); is the server running?"
    case .malformedReply(let reason, let excerpt):
      return "malformed reply: \(reason); the reply began with: \(excerpt.isEmpty ? "(empty body)" : excerpt)"
    case .errorInReply(let message):
      return "the server reported an error in its reply: \(message.isEmpty ? "(no message)" : message)"
    case .streamInterrupted(let reason):
      return "the streamed reply broke off midway: \(reason)"
    }
  }

  public var errorDescription: String? { description }

  /// Whether another attempt may succeed.
  var isRetryable: Bool {
    switch self {
    case .rateLimited, .serverError, .timedOut, .connectionFailed, .errorInReply: return true
    default: return false
    }
  }

  /// The same failure, counting `attempts` attempts (a reply reader cannot know how many came before it).
  func counting(attempts: Int) -> HTTPBackendError {
    switch self {
    case .rateLimited(_, let message): return .rateLimited(attempts: attempts, serverMessage: message)
    case .serverError(let status, _, let message):
      return .serverError(status: status, attempts: attempts, serverMessage: message)
    case .timedOut(let seconds, _): return .timedOut(seconds: seconds, attempts: attempts)
    case .connectionFailed(let url, _, let reason):
      return .connectionFailed(url: url, attempts: attempts, reason: reason)
    default: return self
    }
  }

  private static func suffix(_ message: String) -> String {
    message.isEmpty ? "" : "; server said: \(message)"
  }

  /// The first `limit` characters of `body` on one line, for error messages.
  static func excerpt(_ body: Data, limit: Int = 200) -> String {
    let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
    return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
  }

  /// The human part of an error body: `error.message` (OpenAI, Anthropic), `error` as a string, `message`,
  /// `detail`, or else an excerpt of the raw body.
  static func serverMessage(from body: Data) -> String {
    if let json = JSONValue.parse(body) {
      if let message = json["error"]?["message"]?.stringValue { return excerpt(Data(message.utf8)) }
      if let message = json["error"]?.stringValue { return excerpt(Data(message.utf8)) }
      if let message = json["message"]?.stringValue { return excerpt(Data(message.utf8)) }
      if let message = json["detail"]?.stringValue { return excerpt(Data(message.utf8)) }
    }
    return excerpt(body)
  }
}
