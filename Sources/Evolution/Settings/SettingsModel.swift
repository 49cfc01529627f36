/// A value made of settings, with the table that declares them: everything that reads or writes the settings as
/// text (flags, the TOML file, the session log, help) goes through the table.
public protocol SettingsModel: Sendable {
  /// The defaults.
  init()
  /// Every setting, in the order help lists them.
  static var settings: [Setting<Self>] { get }
  /// The starting points whose values help shows as defaults (`paper` and `quick` for a search).
  static var startingPoints: [(name: String, model: Self)] { get }
}

extension SettingsModel {
  public static var startingPoints: [(name: String, model: Self)] { [("default", Self())] }

  /// The defaults of `setting` for help: `(default: 10)`, `(paper: 10, quick: 3)` when the starting points differ,
  /// nil when it has none.
  public static func defaultsText(of setting: Setting<Self>) -> String? {
    let values = startingPoints.compactMap { point in setting.text(in: point.model).map { (point.name, $0) } }
    guard let first = values.first else { return nil }
    if values.allSatisfy({ $0.1 == first.1 }) { return "(default: \(first.1))" }
    return "(" + values.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + ")"
  }

  /// The setting called `key` (its TOML key or its recorded key).
  public static func setting(_ key: String) -> Setting<Self>? {
    settings.first { $0.key == key || $0.recordedKey == key }
  }

  /// Every TOML key.
  public static var keys: [String] { settings.map(\.key) }

  /// Sets `key` from `text`; errors name the key and the allowed values.
  public mutating func set(_ key: String, to text: String) throws(SettingsError) {
    guard let setting = Self.setting(key) else { throw SettingsError.unknownKey(key, known: Self.keys) }
    try setting.parse(text).apply(to: &self)
  }

  /// The settings as the session log records them (unset optional settings are left out).
  public var recorded: [String: String] {
    var values: [String: String] = [:]
    for setting in Self.settings {
      if let text = setting.text(in: self) { values[setting.recordedKey] = text }
    }
    return values
  }

  /// Settings rebuilt from a session's record of them: keys the record lacks (settings added since) keep their
  /// defaults, so older sessions still load.
  public init(recorded values: [String: String]) throws(SettingsError) {
    self.init()
    for (key, text) in values.sorted(by: { $0.key < $1.key }) { try set(key, to: text) }
  }

  /// Checks every value against its rule.
  public func validate() throws(SettingsError) {
    for setting in Self.settings { try setting.check(self) }
  }
}

/// A setting that cannot be applied.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
  case unknownKey(String, known: [String])
  case badValue(key: String, value: String, expected: String)
  /// An error in a TOML file, at `line` (1-based) of `path`.
  case configFile(path: String, line: Int, message: String)
  /// A file that cannot be read at all.
  case unreadableFile(path: String, reason: String)

  public var description: String {
    switch self {
    case .unknownKey(let key, let known):
      if let near = known.first(where: { editDistance($0, key) <= 2 }) {
        "unknown setting '\(key)'; did you mean '\(near)'?"
      } else {
        "unknown setting '\(key)'; settings are: \(known.sorted().joined(separator: ", "))"
      }
    case .badValue(let key, let value, let expected): "setting '\(key)' = '\(value)': expected \(expected)"
    case .configFile(let path, let line, let message): "\(path):\(line): \(message)"
    case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
    }
  }
}

/// Levenshtein distance, for suggesting the setting a typo meant.
private func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  var previous = Array(0...b.count)
  for i in 1...max(a.count, 1) where !a.isEmpty {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in 1...max(b.count, 1) where !b.isEmpty {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.count]
}
