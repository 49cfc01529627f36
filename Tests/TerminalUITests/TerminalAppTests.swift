import Foundation
import Sessions
import TerminalUI
import XCTest

final class TerminalAppTests: XCTestCase {
  func testReplayRunsUntilQuitAndShutsTheTerminalDown() {
    let player = ReplayPlayer(events: SampleSession.events, speed: 1_000_000)
    let app = TerminalApp(replay: player)
    let terminal = TestTerminal(width: 120, height: 40, keys: [nil, nil, .character("t"), nil, .character("q")])
    let quit = expectation(description: "quit callback")
    _ = app
    let appWithCallback = TerminalApp(replay: player, callbacks: TerminalApp.Callbacks(quit: { quit.fulfill() }))
    appWithCallback.run(on: terminal, frameInterval: 0.001)
    wait(for: [quit], timeout: 1)
    XCTAssertTrue(terminal.isShutDown)
    XCTAssertEqual(terminal.frames.last?.theme, "light")
    let text = terminal.lastFrame?.text ?? ""
    XCTAssertTrue(text.contains("replay finished"), text)
    XCTAssertTrue(text.contains("event \(SampleSession.events.count)/\(SampleSession.events.count)"), text)
  }

  func testReviewDecisionsComeBackThroughTheAsyncAPI() async throws {
    let state = SampleSession.state
    let app = TerminalApp(liveState: state)
    let pending = ["c1", "c4"].compactMap { state.candidates[$0] }
    let decisions = Task { await app.review(pending, state: state) }
    let loop = Task.detached { () -> [String] in
      let terminal = TestTerminal(
        width: 120, height: 40, keys: [nil, .character("a"), .character("r"), .character("q"), .character("y")])
      // The keys wait for the review pane: the request reaches the loop's inbox whenever the task above runs.
      terminal.holdKeysUntil = { $0.text.contains("Review · 2 pending") }
      app.run(on: terminal, frameInterval: 0.001)
      return terminal.frames.map(\.buffer.text)
    }
    let result = await decisions.value
    let frames = await loop.value
    XCTAssertEqual(
      result,
      ReviewAnswers(decided: [
        ReviewDecided(id: "c1", decision: .accepted), ReviewDecided(id: "c4", decision: .rejected),
      ]))
    XCTAssertTrue(frames.contains { $0.contains("Review · 2 pending") })
  }

  func testShownReviewReportsDecisionsThroughTheCallback() {
    let state = SampleSession.state
    let log = DecisionLog()
    let holder = AppHolder()
    // Like a host's review queue: every decision is recorded and what is left is posted back to the UI.
    let app = TerminalApp(
      liveState: state,
      callbacks: TerminalApp.Callbacks(reviewDecided: { decisions in
        log.append(decisions)
        let decided = Set(log.entries.map(\.id))
        holder.app?.showReview(
          ["c1", "c4"].filter { !decided.contains($0) }.compactMap { state.candidates[$0] }, state: nil)
      }))
    holder.app = app
    app.showReview(["c1", "c4"].compactMap { state.candidates[$0] }, state: state)
    let terminal = TestTerminal(
      width: 120, height: 40, keys: [nil, .character("a"), nil, .character("r"), nil, .interrupt])
    app.run(on: terminal, frameInterval: 0.001)
    XCTAssertEqual(
      log.entries, [ReviewDecided(id: "c1", decision: .accepted), ReviewDecided(id: "c4", decision: .rejected)])
    let texts = terminal.frames.map(\.buffer.text)
    XCTAssertTrue(texts.contains { $0.contains("Review · 2 pending") })
    XCTAssertTrue(texts.contains { $0.contains("Review · 1 pending") })
    XCTAssertFalse(texts.last?.contains("Review ·") ?? true, "the pane closes when nothing is left")
  }

  func testClosingTheUILeavesProposalsUndecided() async {
    let state = SampleSession.state
    let app = TerminalApp(liveState: state)
    app.stop()
    let result = await app.review([state.candidates["c4"]!], state: state)
    XCTAssertEqual(result, ReviewAnswers(decided: [], undecided: ["c4"]))
  }

  func testEditGoesThroughTheEditorCommand() throws {
    let state = SampleSession.state
    // A scripted "editor": appends a line to the file it is given.
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("fake-editor-\(UUID().uuidString).sh")
    try "#!/bin/sh\necho '# reviewed' >> \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    defer { try? FileManager.default.removeItem(at: script) }
    let edited = try ExternalEditor.edit("x = 1\n", name: "c9.py", command: [script.path])
    XCTAssertEqual(edited, "x = 1\n# reviewed\n")

    let handEdits = HandEditLog()
    let app = TerminalApp(
      liveState: state, callbacks: TerminalApp.Callbacks(handEdit: { handEdits.append($0, $1) }),
      editorCommand: [script.path])
    let terminal = TestTerminal(width: 120, height: 40, keys: [.character("E"), .interrupt])
    app.run(on: terminal, frameInterval: 0.001)
    XCTAssertEqual(terminal.suspendCount, 1)
    XCTAssertEqual(handEdits.entries.first?.0, "c1", "the first row: the fittest candidate")
    XCTAssertEqual(handEdits.entries.first?.1, SampleSession.childCode + "# reviewed\n")
    XCTAssertEqual(ExternalEditor.command(environment: ["EDITOR": "code -w"]), ["code", "-w"])
    XCTAssertNil(ExternalEditor.command(environment: [:]), "no editor set: the built-in editor is used")
  }

  func testTheBuiltInEditorEditsAReviewProposal() throws {
    let state = SampleSession.state
    let log = DecisionLog()
    let app = TerminalApp(
      liveState: state, callbacks: TerminalApp.Callbacks(reviewDecided: { log.append($0) }), editorCommand: nil)
    app.showReview([state.candidates["c4"]!], state: state)
    let typing: [KeyEvent?] = [nil, .character("e"), .pageDown, .end, .enter] + "x = 1".map { KeyEvent.character($0) }
    let terminal = TestTerminal(width: 120, height: 40, keys: typing + [.control("s"), nil, .interrupt])
    app.run(on: terminal, frameInterval: 0.001)
    XCTAssertEqual(terminal.suspendCount, 0, "the built-in editor keeps the terminal")
    XCTAssertTrue(terminal.frames.contains { $0.buffer.text.contains("Editing c4 · review edit") })
    let decision = try XCTUnwrap(log.entries.first)
    XCTAssertEqual(decision.decision, .edited)
    XCTAssertEqual(decision.code, state.candidates["c4"]!.code + "x = 1\n")
  }

  func testCtrlZSuspendsToTheShellAndTheUIGoesOn() {
    let player = ReplayPlayer(events: SampleSession.events, speed: 1_000_000)
    let app = TerminalApp(replay: player)
    let terminal = TestTerminal(width: 120, height: 40, keys: [nil, .control("z"), nil, .character("q")])
    app.run(on: terminal, frameInterval: 0.001)
    XCTAssertEqual(terminal.shellSuspendCount, 1)
    XCTAssertEqual(terminal.suspendCount, 0, "Ctrl-Z is not an editor hand-off")
    XCTAssertTrue(terminal.isShutDown)
  }
}
