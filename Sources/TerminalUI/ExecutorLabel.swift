/// How the header and the headless lines name where children train, from the settings `run_configured` recorded.
public enum ExecutorLabel {
  /// `local workers` or `ray 127.0.0.1:8265`.
  public static func text(_ settings: [String: String]) -> String {
    guard settings["executor"] == "ray" else { return "local workers" }
    return "ray " + withoutScheme(settings["ray_address"] ?? "?")
  }

  /// `ray 127.0.0.1:8265` for `ray http://127.0.0.1:8265` (an executor's summary, or an address).
  public static func withoutScheme(_ text: String) -> String {
    text.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
  }

  /// The header's words: nothing for the default (local workers), ` on ray HOST:PORT` for a cluster.
  public static func headerSuffix(_ settings: [String: String]?) -> String {
    guard let settings, settings["executor"] == "ray" else { return "" }
    return " on " + text(settings)
  }
}
