import ArgumentParser
import Evolution
import Foundation
import LanguageModels
import Sessions

/// `evoprompting resume DIR`: continues a search from its session log.
struct ResumeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Continue a search from its session folder (after a crash, Ctrl-C or a pause).",
    discussion: """
      State is rebuilt from session.jsonl: finished evaluations are kept, recorded prompts and replies are \
      reused, and training that was interrupted runs again. The language model is the one the session recorded \
      (its API key is read from the environment again).
      """
  )

  @Argument(help: "The session folder.") var session: String
  @Flag(help: "Print progress as lines instead of the terminal UI (the default when output is not a terminal).")
  var headless = false
  @Option(help: "The UI's theme: dark, light, high-contrast, or a theme file's name.") var theme: ThemeName?
  @Option(
    name: .customLong("base-url"),
    help: "The server's base URL, when it moved or carries a password (sessions never record passwords).")
  var baseURL: String?

  func run() async throws {
    let headless = self.headless || !TerminalSetup.isInteractive
    let directory = URL(fileURLWithPath: session)
    // One writer per session: refuse before loading a model when another process is running it.
    let contents = try EventLog.read(at: directory)
    let lock: SessionLock
    do { lock = try SessionLock.acquire(in: directory) } catch { throw CommandFailure("\(error)") }
    guard let configured = SessionState(events: contents.events).configuration else {
      throw CommandFailure("\(session): the session has no run configuration to continue")
    }
    let settings: SearchSettings
    var languageModel: LanguageModelSettings
    let recordedModel = URLCredentials.unredacted(configured.languageModel)
    do {
      settings = try SearchSettings(recorded: configured.settings)
      languageModel = try LanguageModelSettings(recorded: recordedModel.description)
    } catch {
      throw CommandFailure("\(session): the recorded run configuration cannot be used: \(error)")
    }
    if let baseURL {
      languageModel.baseURL = baseURL
    } else if !recordedModel.credentialsRemoved.isEmpty {
      FileHandle.standardError.write(
        Data(
          ("note: this session's base URL had a user and password, which sessions do not record; if the server "
            + "needs them, resume with --base-url http://USER:PASSWORD@…\n").utf8))
    }
    // The language model continues with the soft prompt the session tuned last.
    let backend = try SearchBackend.make(
      languageModel: languageModel, settings: settings,
      promptBuilder: TaskName(settingText: configured.task).map(SearchTask.named)?.promptBuilder ?? PromptBuilder(),
      contract: TaskName(settingText: configured.task)?.programContract ?? .classifier(),
      resumed: (directory, SessionState(events: contents.events)))
    let components = try await SearchComponents.make(
      task: configured.task, settings: settings, backend: backend, description: configured.languageModel,
      directory: directory, executorNotes: headless ? HeadlessPrinter.printLine : nil)
    if !headless {
      let state = SessionState(events: contents.events)
      if state.finished {
        print("this session is already finished")
        print(SessionReport(state: state).table())
        return
      }
      try await TerminalRun.run(initialState: state, theme: theme?.name) { gate, observer, stream in
        var withUI = components
        withUI.reviewGate = gate
        return try SearchRun.resume(
          directory: directory, lock: lock, components: withUI, observer: observer, streamObserver: stream)
      }
      return
    }
    if settings.review == .manual {
      throw ValidationError("this session reviews proposals by hand: resume it without --headless")
    }
    let printer = HeadlessPrinter(totalRounds: settings.effectiveRounds)
    let run = try SearchRun.resume(
      directory: directory, lock: lock, components: components, observer: { printer($0, $1) })
    if let tail = run.log.recoveredTail {
      print("note: the last line of the log was cut off by the interruption and was dropped (\(tail.count) bytes)")
    }
    if await run.state.finished {
      print("this session is already finished")
      print(SessionReport(state: await run.state).table())
      return
    }
    try await SearchSignals.runInterruptibly(run)
  }
}
