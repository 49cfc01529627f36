/// One knob of a settings model (`SearchSettings`, `LanguageModelSettings`): its name, where it lives, how it is
/// read and written as text, which values it allows, and its help. A model's table of these is the only place a
/// knob is declared: the command-line flags, the TOML file, the session log and `--help` are all made from it.
public struct Setting<Root>: Sendable {
  /// The TOML key (`batch_size`); the flag is the same name with dashes (`--batch-size`) unless `flag` says.
  public let key: String
  /// The key in the session log (`key` unless an older log spelt it differently).
  public let recordedKey: String
  /// One sentence for `--help`.
  public let help: String
  /// How the command line spells it.
  public let flag: SettingFlag
  /// The value's name in help (`n`, `x`, `list`, `name`).
  public let valueName: String
  /// The values an enum setting takes, in help order; nil for open values.
  public let choices: [String]?
  /// What a valid value looks like, completing "expected …".
  public let expectation: String
  private let read: @Sendable (String) -> SettingAssignment<Root>?
  private let write: @Sendable (Root) -> String?

  /// Reads `text` as this setting's value: an assignment to apply, or an error that names the key and the rule.
  public func parse(_ text: String) throws(SettingsError) -> SettingAssignment<Root> {
    guard let assignment = read(text) else {
      throw SettingsError.badValue(key: key, value: text, expected: expectation)
    }
    return assignment
  }

  /// The value `root` holds, as text; nil when an optional setting is unset.
  public func text(in root: Root) -> String? { write(root) }

  /// Whether `root`'s value obeys the rule (a preset or a default that a rule forbids is a bug; a recorded value
  /// is checked when it is read).
  public func check(_ root: Root) throws(SettingsError) {
    guard let text = write(root) else { return }
    _ = try parse(text)
  }
}

extension Setting {
  /// A setting stored at `keyPath`, allowing the values `rule` allows.
  public init<Value: SettingValue>(
    _ key: String, _ keyPath: WritableKeyPath<Root, Value> & Sendable, rule: SettingRule<Value> = .any,
    help: String, valueName: String? = nil, flag: SettingFlag? = nil, recordedAs recordedKey: String? = nil
  ) {
    self.init(
      key: key, recordedKey: recordedKey ?? key, help: help,
      flag: flag ?? (Value.self == Bool.self ? .toggle(Self.dashed(key)) : .option(Self.dashed(key))),
      valueName: valueName ?? Value.settingChoices.map { _ in "name" } ?? "value", choices: Value.settingChoices,
      expectation: rule.expectation,
      read: { text in
        guard let value = Value(settingText: text), rule.allows(value) else { return nil }
        return SettingAssignment(key: key, text: value.settingText) { $0[keyPath: keyPath] = value }
      },
      write: { $0[keyPath: keyPath].settingText })
  }

  /// An optional setting: unset (nil) until a flag, the file or the log gives it; unset settings are not recorded.
  public init<Value: SettingValue>(
    _ key: String, optional keyPath: WritableKeyPath<Root, Value?> & Sendable, rule: SettingRule<Value> = .any,
    help: String, valueName: String? = nil, flag: SettingFlag? = nil, recordedAs recordedKey: String? = nil
  ) {
    self.init(
      key: key, recordedKey: recordedKey ?? key, help: help, flag: flag ?? .option(Self.dashed(key)),
      valueName: valueName ?? Value.settingChoices.map { _ in "name" } ?? "value", choices: Value.settingChoices,
      expectation: rule.expectation,
      read: { text in
        guard let value = Value(settingText: text), rule.allows(value) else { return nil }
        return SettingAssignment(key: key, text: value.settingText) { $0[keyPath: keyPath] = value }
      },
      write: { $0[keyPath: keyPath]?.settingText })
  }

  /// `batch_size` as a flag name: `batch-size`.
  static func dashed(_ key: String) -> String { key.replacingOccurrences(of: "_", with: "-") }
}

/// How the command line spells a setting.
public enum SettingFlag: Sendable, Equatable {
  /// `--name VALUE`.
  case option(String)
  /// A true/false setting as two flags, `--name` and `--no-name`.
  case toggle(String)
  /// Only in the TOML file and the log.
  case none
}

/// A value read for a setting, ready to apply: what flags, the TOML file and the log all turn into.
public struct SettingAssignment<Root>: Sendable {
  /// The setting's key.
  public let key: String
  /// The value as it will be recorded.
  public let text: String
  private let assign: @Sendable (inout Root) -> Void

  init(key: String, text: String, assign: @escaping @Sendable (inout Root) -> Void) {
    self.key = key
    self.text = text
    self.assign = assign
  }

  /// Sets the value in `root`.
  public func apply(to root: inout Root) { assign(&root) }
}
