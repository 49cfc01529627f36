import Sessions
import TerminalUI
import XCTest

/// Keys as less, tig and lazygit use them: scrolling stops at the content's ends, q and Esc close the view on
/// top, the footer and the help show the keys of the view at hand, the plots pane walks its points.
final class NavigationTests: XCTestCase {
  func press(_ keys: [KeyEvent], _ model: inout UIModel, _ state: SessionState) -> [UIAction] {
    var actions: [UIAction] = []
    for key in keys {
      let (next, produced) = UIModel.reduce(model, key, state)
      model = next
      actions += produced
    }
    return actions
  }

  func model(width: Int = 120, height: Int = 40, mode: UIModel.Mode = .replay) -> UIModel {
    var model = UIModel(mode: mode)
    (model.screenWidth, model.screenHeight) = (width, height)
    return model
  }

  func frame(_ model: UIModel, _ state: SessionState) -> String {
    FrameRenderer.render(model, state, width: model.screenWidth, height: model.screenHeight).text
  }

  func testUpAndPageUpWorkRightAfterGInTheDetailView() throws {
    // c13's diff against s3 is longer than the detail's content area at 120x40.
    let state = try ShippedSessions.state(ShippedSessions.constrainedTuned)
    var model = model()
    model.selectedID = "c13"
    _ = press([.enter, .character("G")], &model, state)
    XCTAssertEqual(model.detailID, "c13")
    let bottom = frame(model, state)
    XCTAssertGreaterThan(model.detailScroll, 0)
    let limit = model.detailScroll
    _ = press([.character("k")], &model, state)
    XCTAssertEqual(model.detailScroll, limit - 1, "the scroll stopped at the end, so k moves at once")
    XCTAssertNotEqual(frame(model, state), bottom)
    _ = press([.pageUp], &model, state)
    XCTAssertEqual(model.detailScroll, max(0, limit - 1 - (model.pageSize - 1)))
    _ = press([.character("G"), .character("G"), .character("j")], &model, state)
    XCTAssertEqual(model.detailScroll, limit)
  }

  func testTheRepliesPaneStopsWhenItsOldestLineReachesTheTop() throws {
    let state = SampleSession.state
    var model = model()
    for index in 1...100 { model.appendLog("line \(index)\n") }
    _ = press([.tab, .tab, .character("g")], &model, state)
    XCTAssertEqual(model.focus, .log)
    let lines = frame(model, state).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = try XCTUnwrap(lines.firstIndex { $0.contains("│line 1 ") }, "the oldest line is on screen")
    let bottom = try XCTUnwrap(lines.indices.first { $0 > first && lines[$0].contains("└") })
    XCTAssertTrue(
      lines[bottom - 1].contains("│line \(bottom - first) "), "the pane is full, not scrolled past its text")
    let scrolled = model.logScroll
    _ = press([.character("j")], &model, state)
    XCTAssertEqual(model.logScroll, scrolled - 1, "one key brings the next line back at once")
  }

  func testQAndEscapeCloseTheViewOnTopAndNeverQuitFromIt() {
    let state = SampleSession.state
    var model = model(mode: .live)
    XCTAssertEqual(press([.enter, .character("q")], &model, state), [])
    XCTAssertNil(model.detailID, "q closed the detail")
    XCTAssertFalse(model.confirmingQuit)
    _ = press([.character("?"), .escape], &model, state)
    XCTAssertFalse(model.helpVisible)
    XCTAssertEqual(press([.control("z")], &model, state), [.suspend])
  }

  func testTheDetailHasTabsForTheDiffCodePromptAndReply() {
    let state = SampleSession.state
    var model = model()
    model.selectedID = "c1"
    _ = press([.enter], &model, state)
    XCTAssertEqual(model.detailTab, .diff)
    var seen: [DetailTab] = []
    for _ in 0..<4 {
      _ = press([.tab], &model, state)
      seen.append(model.detailTab)
    }
    XCTAssertEqual(seen, [.code, .prompt, .reply, .diff])
    _ = press([.tab, .tab], &model, state)
    XCTAssertTrue(frame(model, state).contains("prompt"), "the prompt that produced c1")
    model.selectedID = "s1"
    _ = press([.escape, .enter], &model, state)
    XCTAssertEqual(model.detailTab, .code, "a seed has no parent to diff against")
  }

  func testLongLinesScrollSideways() {
    var events = SampleSession.events
    let long = "class Net(nn.Module):\n    " + String(repeating: "x = 1; ", count: 40) + "\n"
    events.append(
      LoggedEvent(
        sequence: events.count + 1, time: 2_000,
        event: .candidateProposed(CandidateProposed(id: "c9", round: 2, origin: .proposal, parents: ["c1"], code: long))
      ))
    let state = SessionState(events: events)
    var model = model()
    model.selectedID = "c9"
    _ = press([.enter, .tab], &model, state)
    let before = frame(model, state)
    _ = press([.right, .right], &model, state)
    XCTAssertEqual(model.detailColumn, 16)
    XCTAssertNotEqual(frame(model, state), before)
    XCTAssertTrue(frame(model, state).contains("col 17"))
    for _ in 0..<100 { _ = press([.character("l")], &model, state) }
    let limit = model.detailColumn
    XCTAssertLessThan(limit, 280, "stops where the longest line ends")
    _ = press([.left], &model, state)
    XCTAssertEqual(model.detailColumn, limit - 8)
  }

  func testThePlotsPaneWalksItsPointsAndOpensOne() {
    let state = SampleSession.state
    var model = model()
    _ = press([.tab], &model, state)
    XCTAssertEqual(model.focus, .plots)
    _ = press([.character("j")], &model, state)
    XCTAssertEqual(model.selectedID, "s3", "the fewest parameters first")
    _ = press([.character("j"), .character("j"), .character("k")], &model, state)
    XCTAssertEqual(model.selectedID, "s1")
    _ = press([.enter], &model, state)
    XCTAssertEqual(model.detailID, "s1")
  }

  func testTheFooterShowsTheKeysOfTheViewAtHand() {
    let state = SampleSession.state
    func footer(_ model: UIModel) -> String { String(frame(model, state).split(separator: "\n").last ?? "") }
    var model = model(mode: .live)
    XCTAssertTrue(footer(model).contains("q quit"), footer(model))
    _ = press([.tab], &model, state)
    XCTAssertTrue(footer(model).hasPrefix(" jk point  Enter open"), footer(model))
    _ = press([.enter], &model, state)
    XCTAssertTrue(footer(model).hasPrefix(" q/Esc close"), footer(model))
    XCTAssertFalse(footer(model).contains("quit"))
    _ = press([.character("?")], &model, state)
    XCTAssertTrue(footer(model).contains("scroll") && footer(model).contains("q/Esc close"), footer(model))
  }

  func testHelpPutsTheCurrentViewFirstAndScrollsToItsEnd() {
    let state = SampleSession.state
    var model = model(width: 80, height: 24)
    model.selectedID = "c1"
    _ = press([.enter, .character("?")], &model, state)
    XCTAssertTrue(frame(model, state).contains("Candidate detail (this view)"))
    let lines = HelpOverlay.lines(contexts: model.viewContexts(state))
    XCTAssertEqual(lines.first?.text, "Candidate detail (this view)")
    _ = press([.character("G")], &model, state)
    let end = model.helpScroll
    XCTAssertEqual(end, HelpOverlay.maxScroll(contexts: model.viewContexts(state), width: 80, height: 24))
    XCTAssertGreaterThan(end, 0)
    _ = press([.character("k")], &model, state)
    XCTAssertEqual(model.helpScroll, end - 1)
    XCTAssertNotNil(model.detailID, "keys in the help do not reach the view behind it")
  }
}
