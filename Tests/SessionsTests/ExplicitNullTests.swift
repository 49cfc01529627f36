import Foundation
import Sessions
import XCTest

/// `report --json` writes a candidate's metrics as `null` until they are known, and leaves out what does not apply.
final class ExplicitNullTests: XCTestCase {
  struct Line: Codable, Equatable {
    @ExplicitNull var code: String?
    var note: String?
  }

  func testAnAbsentValueIsWrittenAsNullAndReadBackFromNullOrAMissingKey() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    XCTAssertEqual(String(decoding: try encoder.encode(Line(code: nil, note: nil)), as: UTF8.self), #"{"code":null}"#)
    XCTAssertEqual(
      String(decoding: try encoder.encode(Line(code: "x", note: "y")), as: UTF8.self), #"{"code":"x","note":"y"}"#)
    for text in [#"{"code":null}"#, "{}"] {
      XCTAssertEqual(try JSONDecoder().decode(Line.self, from: Data(text.utf8)), Line(code: nil, note: nil), text)
    }
  }

  func testAProposedCandidatesMetricsAreNullAndItsReasonIsLeftOut() throws {
    var state = SessionState()
    state.apply(.runConfigured(RunConfigured(task: "mnist1d", languageModel: [:], settings: [:], seed: 0)))
    state.apply(
      .candidateProposed(CandidateProposed(id: "c1", round: 1, origin: .proposal, parents: ["s1"], code: "x")))
    let object = try JSONSerialization.jsonObject(with: Data(SessionReport(state: state).json.utf8)) as? [String: Any]
    let candidate = try XCTUnwrap((object?["candidates"] as? [[String: Any]])?.first)
    XCTAssertEqual(
      Set(candidate.keys),
      [
        "id", "round", "parents", "status", "params", "val_accuracy", "test_accuracy", "fitness", "eligible", "edited",
        "origin",
      ])
    for key in ["params", "val_accuracy", "test_accuracy", "fitness", "eligible"] {
      XCTAssertTrue(candidate[key] is NSNull, key)
    }
  }
}
