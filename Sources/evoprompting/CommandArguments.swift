import ArgumentParser
import Evolution
import TerminalUI

/// `--theme NAME`: a built-in theme or a theme file's name, checked when the command line is parsed so a typo is
/// a usage error that lists the themes.
struct ThemeName: ExpressibleByArgument, Sendable, Equatable {
  var name: String

  init?(argument: String) {
    guard Self.allValueStrings.contains(argument) else { return nil }
    name = argument
  }

  /// The built-in themes and those in the user's theme folder.
  static var allValueStrings: [String] { Theme.available(userDirectory: Theme.userDirectory).themes.map(\.name) }
}

/// A theme in the TOML file and the flags made from `RunOptions`' table, checked the same way.
extension ThemeName: SettingValue {
  init?(settingText text: String) { self.init(argument: text) }
  var settingText: String { name }
  static var settingExpectation: String { "one of " + allValueStrings.joined(separator: ", ") }
  static var settingChoices: [String]? { allValueStrings }
}

/// `--speed X`: a positive, finite playback speed (negative numbers are read as values, not as flags).
struct ReplaySpeed: ExpressibleByArgument, Sendable {
  var value: Double

  init(_ value: Double) { self.value = value }

  init?(argument: String) {
    guard let value = Double(argument), value > 0, value.isFinite else { return nil }
    self.value = value
  }

  var defaultValueDescription: String { String(format: "%g", value) }
}

/// How `report` prints: one of the three, never two at once.
enum ReportFormat: String, EnumerableFlag {
  case table, json, csv

  static func help(for value: ReportFormat) -> ArgumentHelp? {
    switch value {
    case .table: "A table of the evaluated candidates, best first (the default)."
    case .json: "One JSON object."
    case .csv: "CSV, one candidate per row."
    }
  }
}
