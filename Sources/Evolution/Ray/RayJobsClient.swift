import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A client of a Ray head's Jobs REST API (the dashboard's port, 8265 by default): submit, status, logs, stop,
/// list and version. Each call is one HTTP request; retrying is the caller's decision (`RayJobsError.isTransient`).
public final class RayJobsClient: Sendable {
  /// The head's dashboard address, e.g. `http://127.0.0.1:8265`.
  public let address: URL
  /// Where the authentication token came from, if one is sent (never the token itself).
  public var authentication: String? { token?.description }
  private let token: RayAuthToken?
  private let session: URLSession
  private let requestTimeout: Double

  public init(address: URL, token: RayAuthToken?, requestTimeout: Double = 30) {
    self.address = address
    self.token = token
    self.requestTimeout = requestTimeout
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = requestTimeout
    configuration.timeoutIntervalForResource = requestTimeout
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    session = URLSession(configuration: configuration)
  }

  deinit {
    session.invalidateAndCancel()
  }

  /// `GET /api/version`: the Jobs API and Ray versions; the cheapest way to see that the head answers.
  public func version() async throws -> RayVersionInfo {
    try decode(RayVersionInfo.self, try await send("GET", "/api/version"), "GET", "/api/version")
  }

  /// `POST /api/jobs/`: submits a job and returns its submission id.
  @discardableResult
  public func submit(_ submission: RayJobSubmission) async throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = .sortedKeys
    let body = try encoder.encode(submission)
    let reply = try await send("POST", "/api/jobs/", body: body)
    return try decode(RaySubmitReply.self, reply, "POST", "/api/jobs/").submissionId
  }

  /// `GET /api/jobs/{id}`: the job's details, or nil if the head knows no such job.
  public func job(_ submissionId: String) async throws -> RayJobDetails? {
    let path = "/api/jobs/\(Self.escape(submissionId))"
    do {
      return try decode(RayJobDetails.self, try await send("GET", path), "GET", path)
    } catch RayJobsError.http(404, _, _, _) {
      return nil
    }
  }

  /// `GET /api/jobs/{id}/logs`: everything the entrypoint has written (standard output and error) so far.
  public func logs(_ submissionId: String) async throws -> String {
    let path = "/api/jobs/\(Self.escape(submissionId))/logs"
    return try decode(RayLogsReply.self, try await send("GET", path), "GET", path).logs
  }

  /// `POST /api/jobs/{id}/stop`: asks the job to stop; false if it had already ended.
  @discardableResult
  public func stop(_ submissionId: String) async throws -> Bool {
    let path = "/api/jobs/\(Self.escape(submissionId))/stop"
    return try decode(RayStopReply.self, try await send("POST", path), "POST", path).stopped
  }

  /// `GET /api/jobs/`: every job the head knows (submitted ones and drivers).
  public func list() async throws -> [RayJobDetails] {
    try decode([RayJobDetails].self, try await send("GET", "/api/jobs/"), "GET", "/api/jobs/")
  }

  // MARK: - Transport

  private func send(_ method: String, _ path: String, body: Data? = nil) async throws -> Data {
    guard let url = URL(string: address.absoluteString + path) else {
      throw RayJobsError.malformedReply(method: method, path: path, reason: "not a valid URL", excerpt: "")
    }
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.timeoutInterval = requestTimeout
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    if let body {
      request.httpBody = body
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    if let token { request.setValue(token.authorizationHeader, forHTTPHeaderField: "Authorization") }
    let data: Data
    let response: URLResponse
    do {
      (data, response) = try await session.data(for: request)
    } catch is CancellationError {
      throw CancellationError()
    } catch {
      if Task.isCancelled { throw CancellationError() }
      throw RayJobsError.unreachable(address: address.absoluteString, detail: Self.describe(error, requestTimeout))
    }
    guard let http = response as? HTTPURLResponse else {
      throw RayJobsError.malformedReply(method: method, path: path, reason: "not an HTTP reply", excerpt: "")
    }
    guard (200..<300).contains(http.statusCode) else {
      throw RayJobsError.http(
        status: http.statusCode, method: method, path: path, body: String(decoding: data.prefix(16_384), as: UTF8.self))
    }
    return data
  }

  private func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ method: String, _ path: String) throws -> T {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
      return try decoder.decode(type, from: data)
    } catch {
      throw RayJobsError.malformedReply(
        method: method, path: path, reason: Self.describe(decoding: error),
        excerpt: String(decoding: data.prefix(200), as: UTF8.self))
    }
  }

  /// Submission ids are made of letters, digits, `-` and `_`; anything else is escaped all the same.
  private static func escape(_ id: String) -> String {
    id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? id
  }

  private static func describe(_ error: Error, _ timeout: Double) -> String {
    guard let urlError = error as? URLError else { return "\(error)" }
    switch urlError.code {
    case .cannotConnectToHost: return "connection refused"
    case .cannotFindHost, .dnsLookupFailed: return "host not found"
    case .timedOut: return "no reply within \(Int(timeout)) s"
    case .networkConnectionLost: return "the connection was lost"
    case .notConnectedToInternet: return "no network"
    default: return "network error \(urlError.code.rawValue)"
    }
  }

  private static func describe(decoding error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)' field"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "unexpected value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    case DecodingError.dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return path.isEmpty ? "not JSON" : "unexpected value at '\(path)'"
    default: return "\(error)"
    }
  }
}

extension RayJobsClient {
  /// Reads a head address as users write it: `http://HOST:8265`, `https://…`, or `HOST:PORT` (http assumed).
  public static func parseAddress(_ text: String) throws -> URL {
    var trimmed = text.trimmingCharacters(in: .whitespaces)
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    if trimmed.hasPrefix("ray://") {
      throw AddressError(
        description: "'\(text)' is a Ray Client address; the executor uses the Jobs API on the dashboard's port: "
          + "http://HEAD:8265")
    }
    if !trimmed.contains("://") { trimmed = "http://" + trimmed }
    guard let url = URL(string: trimmed), let scheme = url.scheme, ["http", "https"].contains(scheme),
      url.host?.isEmpty == false
    else {
      throw AddressError(description: "'\(text)' is not a Ray head address such as http://127.0.0.1:8265")
    }
    if url.port == 6379 || url.port == 10001 {
      throw AddressError(
        description: "'\(text)' looks like the GCS or Ray Client port; the Jobs API is on the dashboard's port "
          + "(8265 unless `ray start --dashboard-port` says otherwise)")
    }
    return url
  }

  /// Why a head address cannot be used.
  public struct AddressError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }
}
