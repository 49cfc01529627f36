import Foundation

/// Reads settings from a TOML file: `key = value` pairs, optionally under `[tables]`, with strings, numbers,
/// booleans and arrays of them, and `#` comments.
///
/// Table names only group keys for readability (`[training]` then `steps = 8000`); every key is a setting of one of
/// the settings models a command applies (`SearchSettings`, `LanguageModelSettings`, …), and every error names the
/// file and the line it comes from.
public struct ConfigFile: Sendable, Equatable {
  /// One `key = value` line.
  public struct Entry: Sendable, Equatable {
    /// The key, with dashes read as underscores.
    public var key: String
    /// The value as settings read it: strings unquoted, arrays as comma-separated items, `8_000` as `8000`.
    public var text: String
    /// Where it is (1-based).
    public var line: Int
  }

  /// The file's path, as errors name it.
  public var path: String
  /// Every entry, in file order.
  public var entries: [Entry] = []

  /// Parses `text`; syntax errors carry `path:line`. Keys and values are checked when applied to a model.
  public init(text: String, path: String) throws(SettingsError) {
    self.path = path
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = index + 1
      let line = Self.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      if line.hasPrefix("[") {
        guard line.hasSuffix("]"), line.count > 2 else {
          throw SettingsError.configFile(path: path, line: lineNumber, message: "a table header looks like [name]")
        }
        continue
      }
      guard let equals = line.firstIndex(of: "=") else {
        throw SettingsError.configFile(path: path, line: lineNumber, message: "expected `key = value`")
      }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-", with: "_")
      let rawValue = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
        throw SettingsError.configFile(path: path, line: lineNumber, message: "'\(key)' is not a valid key")
      }
      let value = try Self.parseValue(rawValue, path: path, line: lineNumber)
      entries.append(Entry(key: key, text: value, line: lineNumber))
    }
  }

  /// Reads and parses the file at `path`.
  public static func load(path: String) throws(SettingsError) -> ConfigFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
      throw SettingsError.unreadableFile(path: path, reason: reason)
    }
    guard var text = String(data: data, encoding: .utf8) else {
      throw SettingsError.unreadableFile(path: path, reason: "not UTF-8 text")
    }
    // Editors on some systems start UTF-8 files with a byte-order mark.
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return try ConfigFile(text: text, path: path)
  }

  /// Sets every entry that is a setting of `Model` in `model`; a bad value is an error at its line.
  public func apply<Model: SettingsModel>(to model: inout Model) throws(SettingsError) {
    for entry in entries {
      guard let setting = Model.setting(entry.key) else { continue }
      do {
        try setting.parse(entry.text).apply(to: &model)
      } catch {
        throw SettingsError.configFile(path: path, line: entry.line, message: error.description)
      }
    }
  }

  /// The text of the entry `key` (for settings a command reads itself), nil when the file does not set it.
  public func text(of key: String) -> String? {
    entries.last { $0.key == key }?.text
  }

  /// An error at the first key that no model of `models` has; `models` are every model the command applies.
  public func checkKeys(belongTo models: [any SettingsModel.Type]) throws(SettingsError) {
    let known = models.flatMap { $0.keys }
    for entry in entries where !known.contains(entry.key) {
      throw SettingsError.configFile(
        path: path, line: entry.line, message: SettingsError.unknownKey(entry.key, known: known).description)
    }
  }

  /// A value as the settings take it: strings unquoted, arrays as comma-separated items.
  private static func parseValue(_ text: String, path: String, line: Int) throws(SettingsError) -> String {
    if text.hasPrefix("\"") || text.hasPrefix("'") {
      let quote = text.first!
      guard text.count >= 2, text.last == quote else {
        throw SettingsError.configFile(path: path, line: line, message: "unterminated string")
      }
      return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }
    if text.hasPrefix("[") {
      guard text.hasSuffix("]") else {
        throw SettingsError.configFile(path: path, line: line, message: "unterminated array")
      }
      var items: [String] = []
      for item in text.dropFirst().dropLast().split(separator: ",") {
        let trimmed = item.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { continue }
        items.append(try parseValue(trimmed, path: path, line: line))
      }
      return items.joined(separator: ",")
    }
    guard !text.isEmpty else { throw SettingsError.configFile(path: path, line: line, message: "missing value") }
    // TOML allows 8_000 in numbers.
    let number = text.replacingOccurrences(of: "_", with: "")
    return Double(number) != nil ? number : text
  }

  /// Drops a `#` comment that is not inside a string.
  private static func stripComment(_ line: String) -> String {
    var inString: Character?
    for (offset, character) in line.enumerated() {
      if let quote = inString {
        if character == quote { inString = nil }
      } else if character == "\"" || character == "'" {
        inString = character
      } else if character == "#" {
        return String(line.prefix(offset))
      }
    }
    return line
  }
}
