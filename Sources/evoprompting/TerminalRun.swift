import ArgumentParser
import Evolution
import Foundation
import Sessions
import TerminalUI

/// Runs a search inside the terminal UI: the UI draws the run's events, answers its review requests, and can
/// pause it or hand-edit candidates; closing the UI stops the search after the evaluations in flight.
enum TerminalRun {
  /// Builds the run with the UI's review gate and observers, then drives both until the UI closes.
  static func run(
    initialState: SessionState, theme: String?,
    makeRun: (any ReviewGate, @escaping SearchRun.Observer, @escaping SearchRun.StreamObserver) throws -> SearchRun
  ) async throws {
    let themes = try TerminalSetup.themes(preferred: theme)
    let holder = RunHolder()
    let app = TerminalApp(
      liveState: initialState, themes: themes,
      callbacks: TerminalApp.Callbacks(
        pause: { Task { await holder.run?.requestPause() } },
        quit: { Task { await holder.run?.requestPause() } },
        handEdit: { base, code in Task { _ = try? await holder.run?.submitHandEdit(of: base, code: code) } }))
    let run = try makeRun(
      TerminalReviewGate(app: app), { app.receive($0, state: $1) },
      { round, prompt, chunk in app.receiveStream(round: round, prompt: prompt, text: chunk.text) })
    await holder.set(run)
    let search = Task { try await run.run() }
    try await app.runOnThread { try NcursesTerminal() }
    // The UI closed: finish what is in flight, then stop (the session stays resumable).
    await run.requestPause()
    do {
      try await search.value
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    }
    let state = await run.state
    if !state.finished { print("paused; continue with: evoprompting resume \(run.log.directory.path)") }
  }
}

/// The run, once built, for callbacks made before it existed.
actor RunHolder {
  private(set) var run: SearchRun?
  func set(_ run: SearchRun) { self.run = run }
}

/// The terminal UI as the search's review gate. Proposals left undecided because the UI closed are not recorded
/// as rejections: they stay waiting, and `resume` asks again.
struct TerminalReviewGate: ReviewGate {
  let app: TerminalApp

  func review(_ pending: [CandidateRecord], state: SessionState) async -> [ReviewDecided] {
    await app.review(pending, state: state).decided
  }
}

/// What starting the terminal UI needs: whether there is a terminal, and the themes to cycle through.
enum TerminalSetup {
  /// Whether standard input and output are a terminal the UI can take over.
  static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1 }

  /// The built-in themes and the user's theme files, `preferred` first.
  static func themes(preferred: String?) throws -> [Theme] {
    var (themes, errors) = Theme.available(userDirectory: Theme.userDirectory)
    for error in errors { FileHandle.standardError.write(Data("theme skipped: \(error)\n".utf8)) }
    if let preferred {
      guard let index = themes.firstIndex(where: { $0.name == preferred }) else {
        // Not a ValidationError: the flag was checked when parsed, so this is a config file's value.
        throw UnknownTheme(name: preferred, available: themes.map(\.name))
      }
      themes.insert(themes.remove(at: index), at: 0)
    }
    return themes
  }
}

/// A theme name that no built-in theme or theme file has.
struct UnknownTheme: Error, CustomStringConvertible {
  var name: String
  var available: [String]

  var description: String { "unknown theme '\(name)' (available: \(available.joined(separator: ", ")))" }
}
