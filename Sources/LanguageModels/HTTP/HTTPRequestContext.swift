/// What error messages about a request may mention: the model asked for, where the key comes from, and the
/// secrets to scrub from anything the server says.
struct HTTPRequestContext: Sendable {
  var model: String
  /// Environment variable to name when authentication fails.
  var apiKeyVariable: String?
  /// Strings that must never appear in an error (the API key).
  var secrets: [String]

  func redact(_ text: String) -> String { APIKey.redact(text, secrets: secrets) }
}
