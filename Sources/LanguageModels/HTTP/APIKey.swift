import Foundation

/// A secret credential for an HTTP backend that never prints itself.
///
/// `description`, `debugDescription` and reflection (`dump`, string interpolation of containing values) all
/// show `[redacted]`; only the request builder reads `secret`.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// The credential itself; sent in a header and nowhere else.
  public let secret: String
  /// The environment variable it came from, named in authentication errors (e.g. `OPENAI_API_KEY`).
  public let environmentVariable: String?

  public init(_ secret: String, environmentVariable: String? = nil) {
    self.secret = secret
    self.environmentVariable = environmentVariable
  }

  /// The key held by the environment variable `name`, or `nil` when it is unset or blank.
  ///
  /// Surrounding whitespace is trimmed, since keys pasted into shell profiles often carry a newline.
  public static func fromEnvironment(
    _ name: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> APIKey? {
    guard let raw = environment[name] else { return nil }
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : APIKey(trimmed, environmentVariable: name)
  }

  /// Like `fromEnvironment(_:)`, but a missing key is an error that says which variable to set.
  public static func requiredFromEnvironment(
    _ name: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> APIKey {
    guard let key = fromEnvironment(name, environment: environment) else {
      throw HTTPBackendError.missingAPIKey(environmentVariable: name)
    }
    return key
  }

  public var description: String { "[redacted]" }
  public var debugDescription: String { "APIKey([redacted])" }
  public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

  /// `text` with every occurrence of the key, and anything shaped like a provider key, replaced by `[redacted]`.
  ///
  /// Servers echo keys in error bodies (sometimes partly masked), so every server text that reaches an error
  /// message passes through here.
  public func redact(_ text: String) -> String {
    APIKey.redact(text, secrets: [secret])
  }

  /// `text` with each of `secrets` and key-shaped tokens (`sk-…`, `sk-ant-…`, `Bearer …`) replaced.
  public static func redact(_ text: String, secrets: [String]) -> String {
    var result = text
    for secret in secrets where secret.count >= 4 {
      result = result.replacingOccurrences(of: secret, with: "[redacted]")
    }
    let patterns = [#"sk-[A-Za-z0-9_\-\*\.]{6,}"#, #"(?i)bearer\s+[A-Za-z0-9_\-\.\*=]{6,}"#]
    for pattern in patterns {
      result = result.replacingOccurrences(of: pattern, with: "[redacted]", options: .regularExpression)
    }
    return result
  }
}
