import Foundation

/// The token of Ray's token authentication (Ray 2.52+, `RAY_AUTH_MODE=token` on the cluster), sent as
/// `Authorization: Bearer …` with every Jobs API request. It is found where Ray's own clients look, in the same
/// order: `RAY_AUTH_TOKEN`, then the file named by `RAY_AUTH_TOKEN_PATH`, then `~/.ray/auth_token`.
///
/// The value is never printed: `description` shows where it came from, and nothing else in the executor holds it.
public struct RayAuthToken: Sendable, Equatable, CustomStringConvertible {
  public static let environmentVariable = "RAY_AUTH_TOKEN"
  public static let pathEnvironmentVariable = "RAY_AUTH_TOKEN_PATH"

  /// Where the token came from, e.g. `RAY_AUTH_TOKEN` or `/home/me/.ray/auth_token`.
  public let source: String
  private let value: String

  public init(value: String, source: String) {
    self.value = value
    self.source = source
  }

  /// The value of the `Authorization` header.
  var authorizationHeader: String { "Bearer \(value)" }

  public var description: String { "token from \(source)" }

  /// Why no token could be read where one was named (a `RAY_AUTH_TOKEN_PATH` file that is missing or empty).
  public struct LoadError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// The token the environment provides, or nil when none is configured.
  ///
  /// A `RAY_AUTH_TOKEN_PATH` that cannot be read is an error rather than a silent fallback, as in Ray.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment,
    home: String = NSHomeDirectory()
  ) throws -> RayAuthToken? {
    if let value = environment[environmentVariable]?.trimmingCharacters(in: .whitespacesAndNewlines),
      !value.isEmpty
    {
      return RayAuthToken(value: value, source: environmentVariable)
    }
    if let path = environment[pathEnvironmentVariable], !path.isEmpty {
      guard let value = read(path) else {
        throw LoadError(description: "\(pathEnvironmentVariable) names \(path), which cannot be read or is empty")
      }
      return RayAuthToken(value: value, source: path)
    }
    let defaultPath = URL(fileURLWithPath: home).appendingPathComponent(".ray/auth_token").path
    return read(defaultPath).map { RayAuthToken(value: $0, source: defaultPath) }
  }

  private static func read(_ path: String) -> String? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return value.isEmpty ? nil : value
  }
}
