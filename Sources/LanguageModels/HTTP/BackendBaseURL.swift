import Foundation

/// A backend's `--base-url`, checked and cleaned the one way every HTTP backend needs.
enum BackendBaseURL {
  /// `text` as an http(s) URL with a host, without query, fragment or trailing slashes; `apiPath` maps that path to
  /// the one the backend's requests go under (the APIs differ on `/v1`).
  static func parse(_ text: String, apiPath: (String) -> String) throws -> URL {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard var components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
      scheme == "http" || scheme == "https", components.host?.isEmpty == false
    else { throw HTTPBackendError.invalidBaseURL(trimmed) }
    var path = components.path
    while path.hasSuffix("/") { path.removeLast() }
    components.path = apiPath(path)
    components.query = nil
    components.fragment = nil
    guard let url = components.url else { throw HTTPBackendError.invalidBaseURL(trimmed) }
    return url
  }
}
