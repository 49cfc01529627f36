import Foundation

/// Reads search settings from a TOML file: `key = value` pairs, optionally under `[tables]`, with strings,
/// numbers, booleans and arrays of them, and `#` comments.
///
/// Table names only group keys for readability (`[training]` then `steps = 8000`); every key is one of
/// `SearchSettings.dictionary`'s, and language-model keys (`lm`, `model`, `base_url`, …) are returned apart.
public struct ConfigFile: Sendable, Equatable {
  /// Search settings, as `SearchSettings.apply` takes them.
  public var settings: [String: String] = [:]
  /// Other keys (language model, task, session), for the command to interpret.
  public var options: [String: String] = [:]

  /// The keys that are not search settings.
  public static let optionKeys: Set<String> = [
    "task", "lm", "model", "base_url", "api_key_env", "endpoint", "session", "theme", "preset",
  ]

  public init(settings: [String: String] = [:], options: [String: String] = [:]) {
    self.settings = settings
    self.options = options
  }

  /// Parses `text`; errors carry `path:line`.
  public init(text: String, path: String) throws(SettingsError) {
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
      if Self.optionKeys.contains(key) {
        options[key] = value
      } else if SearchSettings().dictionary[key] != nil {
        settings[key] = value
      } else {
        throw SettingsError.configFile(path: path, line: lineNumber, message: SettingsError.unknownKey(key).description)
      }
    }
    var check = SearchSettings()
    do {
      try check.apply(settings)
    } catch {
      throw SettingsError.configFile(path: path, line: 0, message: error.description)
    }
  }

  /// Reads and parses the file at `path`.
  public static func load(path: String) throws -> ConfigFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SettingsError.configFile(path: path, line: 0, message: "cannot read the file")
    }
    return try ConfigFile(text: String(decoding: data, as: UTF8.self), path: path)
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
