import ArchLang
import ArgumentParser
import LanguageModels
import Evolution
import Foundation
import Sessions

/// `evoprompting run`: starts a search.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run an EvoPrompting search.",
    discussion: """
      Seeds are trained first; then each round prompts the language model with parent programs and their \
      metrics, checks and trains the children, and keeps the fittest. Everything is recorded in \
      <session>/session.jsonl as it happens: after a crash, `evoprompting resume <session>` continues.
      """
  )

  @OptionGroup var search: SearchOptions
  @OptionGroup var languageModel: LanguageModelOptions
  @Flag(help: "Print progress as lines instead of the terminal UI (the default when output is not a terminal).")
  var headless = false
  @Option(help: "The UI's theme: dark, light, high-contrast, or a theme file's name.") var theme: String?

  func run() async throws {
    let headless = self.headless || !TerminalSetup.isInteractive
    let configFile = try search.config.map { path in
      do { return try ConfigFile.load(path: path) } catch { throw ValidationError("\(error)") }
    }
    let settings = try search.resolve(configFile: configFile, cores: ProcessInfo.processInfo.activeProcessorCount)
    var modelOptions = languageModel
    if let configFile { modelOptions.fill(from: configFile.options) }
    let task = search.task ?? configFile?.options["task"] ?? "mnist1d"
    guard ProgramTraining.taskNames.contains(task) else {
      throw ValidationError("unknown task '\(task)'; tasks are: \(ProgramTraining.taskNames.joined(separator: ", "))")
    }
    if headless && settings.review == .manual {
      throw ValidationError("--review manual needs the terminal UI to review proposals; use --review auto with --headless")
    }
    let directory = URL(fileURLWithPath: search.session ?? configFile?.options["session"] ?? Self.defaultSessionPath(task: task))
    let backend = try SearchBackend.make(options: modelOptions, settings: settings)
    let components = try SearchComponents.make(task: task, backend: backend, description: modelOptions.description)
    if headless {
      let printer = HeadlessPrinter(totalRounds: settings.effectiveRounds)
      let run = try SearchRun.start(directory: directory, settings: settings, components: components, observer: { printer($0, $1) })
      FileHandle.standardOutput.write(Data("session: \(directory.path)\n".utf8))
      try await SearchSignals.runInterruptibly(run)
    } else {
      try await TerminalRun.run(initialState: SessionState(), theme: theme ?? configFile?.options["theme"]) { gate, observer, stream in
        var withUI = components
        withUI.reviewGate = gate
        return try SearchRun.start(directory: directory, settings: settings, components: withUI, observer: observer, streamObserver: stream)
      }
    }
  }

  static func defaultSessionPath(task: String) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return "sessions/\(task)-\(formatter.string(from: Date()))"
  }
}

/// The parts of a search that do not depend on the command line: seeds, checker, worker processes.
enum SearchComponents {
  /// Components sampling from `backend` (its notes go to standard error).
  static func make(task: String, backend: SearchBackend, description: [String: String]) throws -> SearchRun.Components {
    for note in backend.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
    return SearchRun.Components(
      task: task, seeds: SeedProgram.all, languageModel: backend.languageModel, languageModelDescription: description,
      // Each proposal is checked in its own `check` process, so nothing a program does can crash the search.
      validator: CheckerProcessValidator(executable: executablePath(), task: task),
      evaluator: WorkerProcessEvaluator(executable: executablePath()),
      promptTuner: backend.promptTuner, constrained: backend.constrained)
  }

  /// This program's own path, for starting workers.
  static func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }
}
