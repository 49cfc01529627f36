import ArgumentParser
import Evolution
import Foundation

/// What a search runs on and where it is kept: settings of the command itself, in the TOML file and as flags,
/// that the search loop never reads (the task is recorded on its own in `run_configured`).
struct RunOptions: SettingsModel, Equatable {
  var task = TaskName.mnist1d
  var session: String?
  var preset: SearchPreset?
  var theme: ThemeName?

  static let settings: [Setting<RunOptions>] = [
    Setting("task", \.task, help: "Task to search on."),
    Setting(
      "session", optional: \.session, help: "Session folder (default sessions/<task>-<timestamp>).", valueName: "dir"),
    Setting(
      "preset", optional: \.preset,
      help:
        "Start from the paper's defaults, quick (a laptop search with the refuse-copies and shrink levers) or study "
        + "(the paper's method at quick's budget: one arm x seed of study)."),
    Setting(
      "theme", optional: \.theme, help: "The UI's theme: dark, light, high-contrast, or a theme file's name.",
      valueName: "name"),
  ]
}

/// Every setting of `run`: the flags of three settings models and a TOML file under them.
struct SearchOptions: ParsableArguments {
  @Option(help: ArgumentHelp("TOML file with settings (flags override it).", valueName: "path")) var config: String?
  @OptionGroup(title: "Search") var run: SettingsFlags<RunOptions>
  @OptionGroup(title: "Search settings") var search: SettingsFlags<SearchSettings>
  @OptionGroup(title: "Language model") var languageModel: SettingsFlags<LanguageModelSettings>

  /// The settings a search starts with.
  struct Resolved {
    var run: RunOptions
    var search: SearchSettings
    var languageModel: LanguageModelSettings
  }

  /// Paper defaults, then the preset, then the config file, then the flags. Errors name the file and line, or the
  /// flag.
  func resolve() throws(SettingsError) -> Resolved {
    let file = try config.map { path throws(SettingsError) in try ConfigFile.load(path: path) }
    try file?.checkKeys(belongTo: [RunOptions.self, SearchSettings.self, LanguageModelSettings.self])
    var options = RunOptions()
    try file?.apply(to: &options)
    run.apply(to: &options)
    var settings = (options.preset ?? .paper).settings(for: options.task)
    try file?.apply(to: &settings)
    search.apply(to: &settings)
    var languageModel = LanguageModelSettings()
    try file?.apply(to: &languageModel)
    self.languageModel.apply(to: &languageModel)
    return Resolved(run: options, search: settings, languageModel: languageModel)
  }
}
