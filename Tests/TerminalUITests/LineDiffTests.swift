import TerminalUI
import XCTest

final class LineDiffTests: XCTestCase {
  func testIdenticalTextsHaveNoChanges() {
    let lines = LineDiff.diff(old: "a\nb\n", new: "a\nb\n")
    XCTAssertEqual(lines, [.same("a", old: 1, new: 1), .same("b", old: 2, new: 2)])
  }

  func testReplacementListsRemovalsBeforeAdditions() {
    let lines = LineDiff.diff(old: ["a", "b", "c", "d"], new: ["a", "B", "c", "d", "e"])
    XCTAssertEqual(
      lines,
      [
        .same("a", old: 1, new: 1), .removed("b", old: 2), .added("B", new: 2), .same("c", old: 3, new: 3),
        .same("d", old: 4, new: 4), .added("e", new: 5),
      ])
    XCTAssertTrue(LineDiff.stats(lines) == (added: 2, removed: 1))
  }

  func testDiffKeepsTheLongestCommonSubsequence() {
    let old = ["x", "a", "b", "c", "y"], new = ["a", "z", "b", "c"]
    let lines = LineDiff.diff(old: old, new: new)
    XCTAssertEqual(
      lines.filter { if case .same = $0 { return true } else { return false } }.map(\.text), ["a", "b", "c"])
    // Applying the diff gives back both texts.
    XCTAssertEqual(lines.compactMap { if case .added = $0 { return nil } else { return $0.text } }, old)
    XCTAssertEqual(lines.compactMap { if case .removed = $0 { return nil } else { return $0.text } }, new)
  }

  func testSideBySidePairsAChangesLines() {
    let rows = LineDiff.sideBySide(LineDiff.diff(old: ["a", "b", "c"], new: ["a", "B1", "B2", "c"]))
    XCTAssertEqual(rows.count, 4)
    XCTAssertEqual(rows[1].left?.text, "b")
    XCTAssertEqual(rows[1].right?.text, "B1")
    XCTAssertNil(rows[2].left)
    XCTAssertEqual(rows[2].right?.text, "B2")
  }

  func testUnifiedAndSideBySideViewsRender() {
    let lines = LineDiff.diff(old: "x = 1\ny = 2\n", new: "x = 1\ny = 3\n")
    var buffer = CellBuffer(width: 30, height: 3)
    // Both line numbers in unified mode (old, new), the new text's line 2 marked as the rejected one.
    DiffView.draw(lines, style: .unified, scroll: 0, markedLine: 2, into: &buffer, rect: buffer.bounds)
    XCTAssertEqual(buffer.text, "  1  1   x = 1\n  2    - y = 2\n▶    2 + y = 3")
    XCTAssertEqual(buffer[8, 1].role, .diffRemoved)
    XCTAssertEqual(buffer[5, 2].role, .bad, "the rejected line's number")
    var side = CellBuffer(width: 33, height: 2)
    DiffView.draw(lines, style: .sideBySide, scroll: 0, markedLine: 2, into: &side, rect: side.bounds)
    XCTAssertEqual(side.text, "  1   x = 1     │  1   x = 1\n  2 - y = 2     │▶ 2 + y = 3")
    // Scrolled two columns right, the text moves and the gutter stays.
    var panned = CellBuffer(width: 30, height: 3)
    DiffView.draw(lines, style: .unified, scroll: 0, column: 2, into: &panned, rect: panned.bounds)
    XCTAssertEqual(panned.text, "  1  1   = 1\n  2    - = 2\n     2 + = 3")
  }

  func testCodeViewNumbersAndMarksTheRejectedLine() {
    var buffer = CellBuffer(width: 20, height: 3)
    CodeView.draw(["a = 1", "b = (", "c = 3"], scroll: 0, markedLine: 2, into: &buffer, rect: buffer.bounds)
    XCTAssertEqual(buffer.text, "  1 a = 1\n▶ 2 b = (\n  3 c = 3")
    XCTAssertEqual(buffer[2, 1].role, .bad)
  }

  func testPythonHighlighting() {
    let tokens = PythonHighlighter.tokens("def f(x): return 'a' + 12  # note")
    XCTAssertEqual(tokens.first { $0.role == .keyword }?.text, "def")
    XCTAssertEqual(tokens.first { $0.role == .string }?.text, "'a'")
    XCTAssertEqual(tokens.first { $0.role == .number }?.text, "12")
    XCTAssertEqual(tokens.last?.role, .comment)
    XCTAssertEqual(tokens.map(\.text).joined(), "def f(x): return 'a' + 12  # note")
  }
}
