import Foundation

/// Why a request to a Ray head's Jobs API failed. Descriptions never contain the authentication token.
public enum RayJobsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No HTTP reply: connection refused, name not resolved, timed out, connection dropped.
  case unreachable(address: String, detail: String)
  /// The head answered with a status outside 2xx; `body` is the start of what it said.
  case http(status: Int, method: String, path: String, body: String)
  /// A 2xx reply that is not what the Jobs API returns.
  case malformedReply(method: String, path: String, reason: String, excerpt: String)

  public var description: String {
    switch self {
    case .unreachable(let address, let detail):
      return "cannot reach the Ray head at \(address): \(detail)"
    case .http(let status, let method, let path, let body):
      let hint =
        switch status {
        case 401:
          " (the head requires token authentication: set \(RayAuthToken.environmentVariable) or "
            + "\(RayAuthToken.pathEnvironmentVariable))"
        case 403: " (the head refused the token: check \(RayAuthToken.environmentVariable))"
        default: ""
        }
      return "the Ray head answered \(method) \(path) with HTTP \(status)\(hint): \(Self.summary(of: body))"
    case .malformedReply(let method, let path, let reason, let excerpt):
      return "the Ray head's reply to \(method) \(path) is not valid: \(reason)"
        + (excerpt.isEmpty ? "" : " (reply: \(excerpt))")
    }
  }

  /// Failures worth retrying after a pause: the head is down or restarting, or overloaded.
  public var isTransient: Bool {
    switch self {
    case .unreachable: return true
    case .http(let status, _, _, let body):
      return (status >= 500 || status == 408 || status == 429) && !Self.isDuplicateSubmission(body)
    case .malformedReply: return false
    }
  }

  /// The head refused the request for want of (the right) token.
  public var isAuthentication: Bool {
    if case .http(let status, _, _, _) = self { return status == 401 || status == 403 }
    return false
  }

  /// A submission refused because a job with its submission id exists (Ray answers 500 with a traceback).
  public var isDuplicateSubmission: Bool {
    if case .http(_, _, _, let body) = self { return Self.isDuplicateSubmission(body) }
    return false
  }

  private static func isDuplicateSubmission(_ body: String) -> Bool {
    body.contains("already exists") && body.contains("submission_id")
  }

  /// A Python traceback's last line says what went wrong; other bodies are shown whole, up to 300 characters.
  private static func summary(of body: String) -> String {
    let lines = body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    let text =
      lines.first.map { $0.hasPrefix("Traceback") } == true
      ? (lines.last(where: { $0.contains("Error:") || $0.contains("Exception:") }) ?? lines.last ?? "")
      : lines.joined(separator: " ")
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
  }
}
