import Foundation

/// A type a setting can hold: it reads and writes the one text form that flags, the TOML file and the session log
/// share (`8000`, `0.5`, `true`, `0.2,0.6`, `auto-valid`).
public protocol SettingValue: Sendable, Equatable {
  /// The value `text` spells, or nil when it spells none.
  init?(settingText text: String)
  /// The value as text; `init(settingText:)` reads it back to an equal value.
  var settingText: String { get }
  /// What a text of this type looks like, for errors ("a whole number").
  static var settingExpectation: String { get }
  /// Every value there is, for types with a fixed set (enums), in the order help lists them; nil for the rest.
  static var settingChoices: [String]? { get }
}

extension SettingValue {
  public static var settingChoices: [String]? { nil }
}

/// Enums whose raw values are their spellings (`ReviewMode`, the optimizer): a text is one of the raw values.
extension SettingValue where Self: RawRepresentable & CaseIterable, RawValue == String {
  public init?(settingText text: String) { self.init(rawValue: text) }
  public var settingText: String { rawValue }
  public static var settingExpectation: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
  public static var settingChoices: [String]? { allCases.map(\.rawValue) }
}

extension Int: SettingValue {
  public init?(settingText text: String) { self.init(text) }
  public var settingText: String { "\(self)" }
  public static var settingExpectation: String { "a whole number" }
}

extension UInt64: SettingValue {
  public init?(settingText text: String) { self.init(text) }
  public var settingText: String { "\(self)" }
  public static var settingExpectation: String { "a whole number from 0 to \(UInt64.max)" }
}

extension Float: SettingValue {
  /// Any spelling `Float` reads, `nan` and `inf` included: rules, not the parser, decide what is allowed.
  public init?(settingText text: String) { self.init(text) }
  public var settingText: String { "\(self)" }
  public static var settingExpectation: String { "a number" }
}

extension Bool: SettingValue {
  public init?(settingText text: String) {
    switch text.lowercased() {
    case "true", "yes", "on", "1": self = true
    case "false", "no", "off", "0": self = false
    default: return nil
    }
  }
  public var settingText: String { "\(self)" }
  public static var settingExpectation: String { "true or false" }
}

extension String: SettingValue {
  public init?(settingText text: String) { self = text }
  public var settingText: String { self }
  public static var settingExpectation: String { "text" }
}

/// A comma-separated list (`0.2,0.6,0.8`); a TOML array arrives in this form too.
extension Array: SettingValue where Element: SettingValue {
  public init?(settingText text: String) {
    var items: [Element] = []
    for item in text.split(separator: ",") {
      guard let value = Element(settingText: item.trimmingCharacters(in: .whitespaces)) else { return nil }
      items.append(value)
    }
    self = items
  }
  public var settingText: String { map(\.settingText).joined(separator: ",") }
  public static var settingExpectation: String { "comma-separated values, each \(Element.settingExpectation)" }
}
