import Foundation
import Sessions
import TerminalUI
import XCTest

/// The TUI's header and table, `report` and `export --best` name the same best model (SessionState.best).
final class BestModelAgreementTests: XCTestCase {
  func assertAgreement(_ events: [LoggedEvent], expected: String, file: StaticString = #filePath, line: UInt = #line)
    throws
  {
    let state = SessionState(events: events)
    XCTAssertEqual(state.best?.id, expected, file: file, line: line)
    XCTAssertEqual(SessionReport(state: state).best?.id, expected, "report", file: file, line: line)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let paths = try ProgramExport.write(state: state, best: 1, to: folder)
    XCTAssertEqual(
      paths.map { URL(fileURLWithPath: $0).lastPathComponent }, ["01-\(expected).py"], "export --best 1", file: file,
      line: line)
    let frame = FrameRenderer.render(UIModel(mode: .replay), state, width: 120, height: 40).text
    let rows = frame.split(separator: "\n").map(String.init)
    XCTAssertTrue(
      rows[1].hasPrefix(" ★ best \(expected)"), "the header's second line:\n\(rows[1])", file: file, line: line)
    XCTAssertTrue(rows[1].contains("fittest with val error < 0.5"), "the header names the rule", file: file, line: line)
    XCTAssertTrue(
      rows[4].hasPrefix("│ \(expected)★"), "the table's first row, fittest first:\n\(rows[4])", file: file, line: line)
  }

  func testTheShippedSessionsNameOneBestModelEverywhere() throws {
    let constrained = try ShippedSessions.events(ShippedSessions.constrainedTuned)
    try assertAgreement(constrained, expected: "s3")
    // Its log's run_finished was written before the one definition: it names a 32.6%-accurate model.
    XCTAssertEqual(SessionState(events: constrained).recordedBest, "c13")
    try assertAgreement(try ShippedSessions.events(ShippedSessions.smollm2), expected: "s3")
  }

  func testTheSampleSessionsBestIsAChild() throws {
    try assertAgreement(SampleSession.events, expected: "c1")
  }
}
