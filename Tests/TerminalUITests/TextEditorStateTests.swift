import TerminalUI
import XCTest

final class TextEditorStateTests: XCTestCase {
  func type(_ text: String, into editor: inout TextEditorState) {
    for character in text { _ = editor.handle(.character(character)) }
  }

  func testTypingSplittingJoiningAndSaving() {
    var editor = TextEditorState(candidateID: "c1", purpose: .review, text: "def f():\n    y = 1\n    return y\n")
    _ = editor.handle(.down)
    _ = editor.handle(.end)
    _ = editor.handle(.enter)
    type("x = 2", into: &editor)
    XCTAssertEqual(editor.text, "def f():\n    y = 1\n    x = 2\n    return y\n", "a new line keeps the indentation")
    _ = editor.handle(.home)
    _ = editor.handle(.backspace)
    XCTAssertEqual(
      editor.lines, ["def f():", "    y = 1    x = 2", "    return y"], "backspace at a line start joins lines")
    _ = editor.handle(.down)
    _ = editor.handle(.end)
    _ = editor.handle(.backspace)
    type("x", into: &editor)
    XCTAssertEqual(editor.handle(.control("s")), .saved("def f():\n    y = 1    x = 2\n    return x\n"))
  }

  func testCursorStaysInsideTheText() {
    var editor = TextEditorState(candidateID: "c1", purpose: .handEdit, text: "ab\nc")
    _ = editor.handle(.up)
    _ = editor.handle(.left)
    XCTAssertEqual(editor.row, 0)
    XCTAssertEqual(editor.column, 0)
    _ = editor.handle(.end)
    _ = editor.handle(.right)
    XCTAssertEqual(editor.row, 1, "right at a line end goes to the next line")
    _ = editor.handle(.pageDown)
    _ = editor.handle(.end)
    XCTAssertEqual(editor.column, 1)
    XCTAssertEqual(editor.handle(.escape), .cancelled)
    XCTAssertEqual(editor.text, "ab\nc")
  }

  func testTheEditorTakesKeysFromTheModelAndDraws() {
    var model = UIModel(mode: .live)
    model.editor = TextEditorState(candidateID: "s1", purpose: .handEdit, text: "x = 1\n")
    let state = SampleSession.state
    XCTAssertEqual(model.handle(.character("q"), state: state), [], "q types a letter while editing")
    XCTAssertEqual(model.editor?.text, "qx = 1\n")
    let frame = FrameRenderer.render(model, state, width: 80, height: 24)
    XCTAssertTrue(frame.text.contains("Editing s1 · hand edit"), frame.text)
    XCTAssertTrue(frame.text.contains("1 qx = 1"), frame.text)
    XCTAssertEqual(
      model.handle(.control("s"), state: state), [.editorSaved("s1", code: "qx = 1\n", purpose: .handEdit)])
    XCTAssertNil(model.editor)
  }
}
