import ArchLang
import ArgumentParser
import Evolution
import Foundation
import LanguageModels
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

  @OptionGroup var options: SearchOptions
  @Flag(help: "Print progress as lines instead of the terminal UI (the default when output is not a terminal).")
  var headless = false

  func run() async throws {
    let headless = self.headless || !TerminalSetup.isInteractive
    let resolved = try options.resolve()
    let settings = resolved.search
    try SearchComponents.checkRaySettings(settings)
    if headless && settings.review == .manual {
      throw ValidationError(
        "--review manual needs the terminal UI to review proposals; use --review auto with --headless")
    }
    let task = resolved.run.task.name
    let directory = URL(fileURLWithPath: resolved.run.session ?? Self.defaultSessionPath(task: task))
    let backend = try SearchBackend.make(
      languageModel: resolved.languageModel, settings: settings,
      promptBuilder: SearchTask.named(resolved.run.task).promptBuilder, contract: resolved.run.task.programContract)
    let components = try await SearchComponents.make(
      task: task, settings: settings, backend: backend, description: resolved.languageModel.recorded,
      directory: directory, executorNotes: headless ? HeadlessPrinter.printLine : nil)
    if headless {
      let printer = HeadlessPrinter(totalRounds: settings.effectiveRounds)
      let run = try SearchRun.start(
        directory: directory, settings: settings, components: components, observer: { printer($0, $1) })
      FileHandle.standardOutput.write(Data("session: \(directory.path)\n".utf8))
      try await SearchSignals.runInterruptibly(run)
    } else {
      try await TerminalRun.run(initialState: SessionState(), theme: resolved.run.theme?.name) {
        gate, observer, stream in
        var withUI = components
        withUI.reviewGate = gate
        return try SearchRun.start(
          directory: directory, settings: settings, components: withUI, observer: observer, streamObserver: stream)
      }
    }
  }

  static func defaultSessionPath(task: String) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return "sessions/\(task)-\(formatter.string(from: Date()))"
  }
}

/// The parts of a search that do not depend on the command line: seeds, checker, executor.
enum SearchComponents {
  /// Components sampling from `backend` (its notes go to standard error) and training on `settings.executor` for
  /// the session in `directory`; `executorNotes` prints what a cluster executor does (nil: nothing, in the TUI).
  static func make(
    task: String, settings: SearchSettings, backend: SearchBackend, description: [String: String], directory: URL,
    executorNotes: (@Sendable (String) -> Void)?
  ) async throws -> SearchRun.Components {
    for note in backend.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
    let searchTask = TaskName(settingText: task).map(SearchTask.named) ?? SearchTask.named(.mnist1d)
    let executor = try await Self.executor(for: settings, task: task, directory: directory, notes: executorNotes)
    return SearchRun.Components(
      task: task, seeds: searchTask.seeds, languageModel: backend.languageModel, languageModelDescription: description,
      // Each proposal is checked in its own `check` process, so nothing a program does can crash the search.
      validator: CheckerProcessValidator(executable: executablePath(), task: task), executor: executor,
      promptTuner: backend.promptTuner, promptBuilder: searchTask.promptBuilder, constrained: backend.constrained)
  }

  /// This program's own path, for starting workers.
  static func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }
}
