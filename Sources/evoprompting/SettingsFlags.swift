import ArgumentParser
import Evolution

/// The command-line flags of a settings model, made from its table (`Model.settings`): one `--name VALUE` option,
/// or a `--name` / `--no-name` pair for a true/false setting, per setting. The parser checks each value with the
/// setting's own rule, so `--batch-size 0` or `--review maybe` is a usage error that names the flag.
///
/// ArgumentParser finds a command's options by reflecting over the command (`Mirror`). This type's mirror lists
/// one `Option` or `Flag` per row of the table, and its decoder reads them back by the same keys, so the table and
/// not a list of property wrappers says what the flags are: adding a setting to the table adds its flag.
struct SettingsFlags<Model: SettingsModel>: ParsableArguments, CustomReflectable {
  /// The settings the command line gave, in table order.
  private(set) var assignments: [SettingAssignment<Model>] = []

  init() {}

  init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: FlagKey.self)
    for setting in Model.settings {
      let key = FlagKey(stringValue: setting.key)
      switch setting.flag {
      case .option:
        if let assignment = try container.decode(Option<SettingAssignment<Model>?>.self, forKey: key).wrappedValue {
          assignments.append(assignment)
        }
      case .toggle:
        if let on = try container.decode(Flag<Bool?>.self, forKey: key).wrappedValue {
          assignments.append(try setting.parse(on.settingText))
        }
      case .none:
        break
      }
    }
  }

  var customMirror: Mirror {
    let children: [Mirror.Child] = Model.settings.compactMap { setting in
      let help = Self.help(for: setting)
      switch setting.flag {
      case .option(let name):
        let option = Option<SettingAssignment<Model>?>(
          name: .customLong(name), help: ArgumentHelp(help, valueName: setting.valueName),
          completion: setting.choices.map { .list($0) }
        ) { text in
          do { return try setting.parse(text) } catch { throw FlagValueError(expected: setting.expectation) }
        }
        return (label: setting.key, value: option)
      case .toggle(let name):
        return (
          label: setting.key,
          value: Flag<Bool?>(name: .customLong(name), inversion: .prefixedNo, help: ArgumentHelp(help))
        )
      case .none:
        return nil
      }
    }
    return Mirror(self, children: children)
  }

  /// Sets every flag given in `model`.
  func apply(to model: inout Model) {
    for assignment in assignments { assignment.apply(to: &model) }
  }

  /// Whether the command line gave `key`.
  func gave(_ key: String) -> Bool { assignments.contains { $0.key == key } }

  /// The setting's help, with its choices when it has a fixed set, and its defaults.
  private static func help(for setting: Setting<Model>) -> String {
    var help = setting.help
    if let choices = setting.choices { help += " One of: " + choices.joined(separator: ", ") + "." }
    if let defaults = Model.defaultsText(of: setting) { help += " " + defaults }
    return help
  }
}

/// A flag's key: the setting's TOML key.
private struct FlagKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
