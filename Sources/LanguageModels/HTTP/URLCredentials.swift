import Foundation

/// Credentials written into URLs (`http://user:password@host/v1`), kept out of everything a search records.
public enum URLCredentials {
  /// `text` without the user and password of a URL in it (`http://host/v1`); other text is returned as it is.
  public static func removed(from text: String) -> String {
    guard text.contains("@"), var components = URLComponents(string: text),
      components.user != nil || components.password != nil, components.host != nil
    else { return text }
    components.user = nil
    components.password = nil
    return components.string ?? text
  }

  /// Whether `text` is a URL that carries a user or a password.
  public static func present(in text: String) -> Bool { removed(from: text) != text }

  /// A language model's description as a session records it: URLs without credentials, and a note where any
  /// were removed (`resume` then asks for the URL again).
  public static func redacted(_ description: [String: String]) -> [String: String] {
    var result = description
    for (key, value) in description where present(in: value) {
      result[key] = removed(from: value)
      result[key + markerSuffix] = "removed"
    }
    return result
  }

  /// A recorded description without the notes `redacted` added, and the keys whose URLs lost their credentials.
  public static func unredacted(_ recorded: [String: String]) -> (
    description: [String: String], credentialsRemoved: [String]
  ) {
    let markers = recorded.keys.filter { $0.hasSuffix(markerSuffix) }
    let description = recorded.filter { !markers.contains($0.key) }
    return (description, markers.map { String($0.dropLast(markerSuffix.count)) }.sorted())
  }

  private static let markerSuffix = "_credentials"
}
