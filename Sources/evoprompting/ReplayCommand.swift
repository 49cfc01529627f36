import ArgumentParser
import Foundation
import Sessions
import TerminalUI

/// `evoprompting replay DIR`: plays a recorded session in the terminal UI (or as lines with `--headless`).
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Play a recorded session at its recorded pace times a speed, in the terminal UI or as lines.",
    discussion: """
      Events are folded into the session state one by one, exactly as the live run did, so the replay shows what \
      the run showed. Keys: space pause, ←/→ step, +/- speed, [/] previous/next round, ? help, q quit.
      """
  )

  @Argument(help: "The session folder (holds session.jsonl).") var session: String
  @Option(
    parsing: .unconditional,
    help: "Playback speed, a positive number: 1 = recorded pace, 100 = a hundred times faster.")
  var speed = ReplaySpeed(10)
  @Flag(
    help:
      "Print the replay as lines to standard output and exit at the end (the default when output is not a terminal).")
  var headless = false
  @Option(help: "The theme to start with (dark, light, high-contrast, or a name from ~/.config/evoprompting/themes).")
  var theme: ThemeName?
  @Flag(help: "Draw plots with block characters instead of braille (for fonts without braille).") var blocks = false

  func run() throws {
    let contents: EventLog.Contents
    contents = try EventLog.read(at: URL(fileURLWithPath: session))
    guard !contents.events.isEmpty else { throw CommandFailure("\(session) holds no events to replay") }
    // `replay | head`, `replay > file`: lines, as the README promises, not a refusal.
    if headless || !TerminalSetup.isInteractive {
      playHeadless(contents.events)
      return
    }
    let themes = try TerminalSetup.themes(preferred: theme?.name)
    let app = TerminalApp(
      replay: ReplayPlayer(events: contents.events, speed: speed.value), themes: themes,
      glyphs: blocks ? .blocks : .braille)
    let terminal: NcursesTerminal
    do { terminal = try NcursesTerminal() } catch { throw CommandFailure("\(error)") }
    app.run(on: terminal)
  }

  /// Prints each event as the headless run printed it, sleeping the recorded gaps divided by the speed.
  private func playHeadless(_ events: [LoggedEvent]) {
    let rounds =
      events.lazy.compactMap { logged -> Int? in
        if case .runConfigured(let configured) = logged.event { return configured.settings["rounds"].flatMap(Int.init) }
        return nil
      }.first ?? 0
    let printer = HeadlessPrinter(totalRounds: rounds, printsExecutorEvents: true)
    let speed = speed.value
    var player = ReplayPlayer(events: events, speed: speed)
    let start = Date()
    while !player.isFinished {
      if let wait = player.secondsUntilNextEvent, wait > 0 { Thread.sleep(forTimeInterval: wait) }
      let elapsed = Date().timeIntervalSince(start)
      for logged in player.advance(wallSeconds: elapsed - player.clock / speed) { printer(logged, player.state) }
    }
    let state = player.state
    let best = state.best.map { " · best \($0.id) (\(state.bestRuleShort))" } ?? ""
    print(
      "replay finished: \(events.count) events, \(state.orderedCandidates.count) candidates, \(state.roundsCompleted) rounds\(best)"
    )
  }
}
