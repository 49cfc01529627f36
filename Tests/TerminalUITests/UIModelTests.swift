import Sessions
import TerminalUI
import XCTest

final class UIModelTests: XCTestCase {
  let state = SampleSession.state

  func press(_ keys: [KeyEvent], _ model: inout UIModel) -> [UIAction] {
    var actions: [UIAction] = []
    for key in keys {
      let (next, produced) = UIModel.reduce(model, key, state)
      model = next
      actions += produced
    }
    return actions
  }

  func testMovingSelectionThroughTheTable() {
    var model = UIModel(mode: .live)
    // Fittest first: c1, s3, s1, s2, then the candidates without a fitness in order of appearance.
    XCTAssertEqual(model.visibleRows(state).map(\.id), ["c1", "s3", "s1", "s2", "c2", "c3", "c4"])
    _ = press([.character("j"), .down], &model)
    XCTAssertEqual(model.selectedID, "s1")
    _ = press([.character("G")], &model)
    XCTAssertEqual(model.selectedID, "c4")
    _ = press([.up, .character("g")], &model)
    XCTAssertEqual(model.selectedID, "c1")
    _ = press([.character("k")], &model)
    XCTAssertEqual(model.selectedID, "c1", "stops at the top")
  }

  func testFilterTypingEnterAndEscape() {
    var model = UIModel(mode: .live)
    _ = press([.character("/"), .character("s"), .character("3"), .enter], &model)
    XCTAssertFalse(model.isEditingFilter)
    // s3 itself, and the candidates with s3 as a parent.
    XCTAssertEqual(model.visibleRows(state).map(\.id), ["c1", "s3", "c2", "c4"])
    _ = press([.character("/"), .backspace, .escape], &model)
    XCTAssertEqual(model.filterText, "")
    XCTAssertEqual(model.visibleRows(state).count, 7)
  }

  func testSortingByColumns() {
    var model = UIModel(mode: .live)
    XCTAssertEqual(model.sortColumn, .fitness)
    XCTAssertTrue(model.sortDescending)
    // fitness → order → id → round → parents → status → params → validation (descending first).
    for _ in 0..<7 { _ = press([.character("s")], &model) }
    XCTAssertEqual(model.sortColumn, .validation)
    XCTAssertEqual(model.visibleRows(state).prefix(3).map(\.id), ["c1", "s3", "s1"])
    _ = press([.character("S")], &model)
    XCTAssertEqual(model.visibleRows(state).first?.id, "s2", "ascending, missing values last")
  }

  func testEnterOpensTheDetailAndEscapeClosesIt() {
    var model = UIModel(mode: .live)
    _ = press([.character("G"), .enter], &model)
    XCTAssertEqual(model.detailID, "c4")
    _ = press([.character("n")], &model)
    XCTAssertEqual(model.detailParentIndex, 1)
    _ = press([.character("d")], &model)
    XCTAssertEqual(model.diffStyle, .sideBySide)
    _ = press([.escape], &model)
    XCTAssertNil(model.detailID)
  }

  func testQuitAsksFirstWhileTheRunIsLive() {
    var model = UIModel(mode: .live)
    XCTAssertEqual(press([.character("q")], &model), [])
    XCTAssertTrue(model.confirmingQuit)
    XCTAssertEqual(press([.character("n")], &model), [], "any other key stays")
    XCTAssertFalse(model.confirmingQuit)
    XCTAssertEqual(press([.character("q"), .character("y")], &model), [.quit])
    var replay = UIModel(mode: .replay)
    XCTAssertEqual(press([.character("q")], &replay), [.quit])
    XCTAssertEqual(press([.interrupt], &model), [.quit])
  }

  func testHelpSwallowsKeysUntilClosed() {
    var model = UIModel(mode: .replay)
    _ = press([.character("?")], &model)
    XCTAssertTrue(model.helpVisible)
    XCTAssertEqual(press([.character("j"), .character("q")], &model), [])
    XCTAssertFalse(model.helpVisible)
    XCTAssertNil(model.selectedID)
  }

  func testPauseThemeAndPanes() {
    var model = UIModel(mode: .live)
    model.themeNames = ["dark", "light", "high-contrast"]
    XCTAssertEqual(press([.character("p"), .character("p")], &model), [.pause], "one request until the run pauses")
    _ = press([.character("t"), .character("t"), .character("t")], &model)
    XCTAssertEqual(model.themeIndex, 0)
    _ = press([.tab], &model)
    XCTAssertEqual(model.focus, .plots)
    _ = press([.backTab, .backTab], &model)
    XCTAssertEqual(model.focus, .log)
    _ = press([.character("E")], &model)
    XCTAssertEqual(press([.tab, .character("E")], &model), [.handEdit("c1")])
  }

  func testReviewAcceptRejectMarkAndEdit() {
    var model = UIModel(mode: .live)
    model.beginReview(["c1", "c2", "c3", "c4"])
    XCTAssertEqual(model.focus, .review)
    XCTAssertEqual(press([.character("a")], &model), [.accept(["c1"])])
    XCTAssertEqual(model.reviewQueue, ["c2", "c3", "c4"])
    _ = press([.character(" "), .character(" ")], &model)
    XCTAssertEqual(model.marked, ["c2", "c3"])
    XCTAssertEqual(press([.character("r")], &model), [.reject(["c2", "c3"])])
    XCTAssertEqual(press([.character("e")], &model), [.edit("c4")])
    model.resolveReview(["c4"])
    XCTAssertTrue(model.reviewQueue.isEmpty)
    XCTAssertEqual(model.focus, .population)
  }

  func testReplayKeysBecomeReplayControls() {
    var model = UIModel(mode: .replay)
    let actions = press(
      [
        .character(" "), .left, .right, .character("+"), .character("-"), .character("["), .character("]"),
        .character("p"),
      ], &model)
    XCTAssertEqual(
      actions,
      [
        .replay(.togglePause), .replay(.step(-1)), .replay(.step(1)), .replay(.scaleSpeed(2)),
        .replay(.scaleSpeed(0.5)), .replay(.jumpRound(-1)), .replay(.jumpRound(1)), .replay(.togglePause),
      ])
  }

  func testEveryCommandHasAKeyAndHelpListsEveryBinding() {
    let bound = Set(KeyTable.bindings.map(\.command))
    XCTAssertEqual(bound, Set(UICommand.allCases))
    let help = HelpOverlay.lines().map(\.text).joined(separator: "\n")
    for binding in KeyTable.bindings { XCTAssertTrue(help.contains(binding.summary), binding.summary) }
  }
}
