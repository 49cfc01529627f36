import TerminalUI
import XCTest

final class CellBufferTests: XCTestCase {
  func testPutClipsToTheBufferAndTheClipRect() {
    var buffer = CellBuffer(width: 10, height: 2)
    let end = buffer.put("hello world", x: 2, y: 0)
    XCTAssertEqual(end, 13)
    buffer.put("abcdef", x: 0, y: 1, clip: Rect(x: 1, y: 1, width: 3, height: 1))
    XCTAssertEqual(buffer.text, "  hello wo\n bcd")
  }

  func testWideGraphemesTakeTwoCellsAndStayWhole() {
    var buffer = CellBuffer(width: 8, height: 1)
    buffer.put("日本語", x: 0, y: 0)
    XCTAssertEqual(buffer.text, "日本語")
    XCTAssertTrue(buffer[1, 0].isContinuation)
    // A wide grapheme that would straddle the right edge becomes a space.
    buffer.put("👍", x: 7, y: 0)
    XCTAssertEqual(buffer[7, 0].grapheme, " ")
    // Overwriting the right half of 本 blanks its left half.
    buffer.put("x", x: 3, y: 0)
    XCTAssertEqual(buffer.text, "日 x語")
  }

  func testEmojiAndCombiningMarksMeasureAsTerminalsDrawThem() {
    XCTAssertEqual(DisplayWidth.of("abc"), 3)
    XCTAssertEqual(DisplayWidth.of("日本"), 4)
    XCTAssertEqual(DisplayWidth.of("👍"), 2)
    XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧"), 2)
    XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
    XCTAssertEqual(DisplayWidth.of("❤️"), 2)
    XCTAssertEqual(DisplayWidth.of("⣿▓─"), 3)
    XCTAssertEqual(DisplayWidth.of("한글"), 4)
    XCTAssertEqual(DisplayWidth.truncate("日本語テキスト", to: 7), "日本語…")
    XCTAssertEqual(DisplayWidth.pad("ab", to: 4, right: true), "  ab")
  }

  func testBoxDrawsBorderAndTitle() {
    var buffer = CellBuffer(width: 12, height: 3)
    buffer.box(buffer.bounds, title: "Pop")
    XCTAssertEqual(buffer.text, "┌─ Pop ────┐\n│          │\n└──────────┘")
    XCTAssertEqual(buffer[3, 0].role, .title)
    XCTAssertEqual(buffer[0, 0].role, .border)
  }

  func testRectSplits() {
    let rect = Rect(x: 0, y: 0, width: 10, height: 6)
    XCTAssertEqual(rect.splitTop(2).rest, Rect(x: 0, y: 2, width: 10, height: 4))
    XCTAssertEqual(rect.splitBottom(1).bottom, Rect(x: 0, y: 5, width: 10, height: 1))
    XCTAssertEqual(rect.splitHorizontally(fraction: 0.3).right, Rect(x: 3, y: 0, width: 7, height: 6))
    XCTAssertEqual(rect.inset(by: 4), Rect(x: 4, y: 4, width: 2, height: 0))
    XCTAssertTrue(rect.intersection(Rect(x: 20, y: 0, width: 3, height: 3)).isEmpty)
  }
}
