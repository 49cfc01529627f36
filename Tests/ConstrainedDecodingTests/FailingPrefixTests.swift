import ConstrainedDecoding
import XCTest

/// A `forward` statement whose expression fails on its own is rejected with the beginning of the line up to that
/// expression: every line that begins so would fail alike, and the prefix checker can refuse them all at once.
final class FailingPrefixTests: XCTestCase {
  func writerInForward() -> LineByLineWriter {
    var writer = LineByLineWriter.classifierPastImports()
    for line in [
      "class Model(nn.Module):", "    def __init__(self):", "        super().__init__()",
      "        self.fc = nn.Linear(40, 10)",
      "", "    def forward(self, x):", "        h = x.view(x.shape[0], 5, 8)",
    ] {
      XCTAssertEqual(writer.write(line), .accepted, line)
    }
    return writer
  }

  func testAnExpressionThatFailsOnItsOwnGivesTheLinesBeginning() throws {
    var writer = writerInForward()
    guard case .rejected(let reason, let prefix) = writer.write("        h = h.view(h.shape[0], 3, -1) * 4 * 4") else {
      return XCTFail("a view that cannot work must be rejected")
    }
    XCTAssertTrue(reason.contains("is invalid for input of size 160"), reason)
    XCTAssertEqual(prefix, "        h = h.view(h.shape[0], 3, -1)")
    // Banned, the prefix refuses every ending, and only those lines.
    writer.checker.bannedPrefixes[writer.checker.lineNumber] = [try XCTUnwrap(prefix)]
    XCTAssertFalse(writer.checker.isViable("        h = h.view(h.shape[0], 3, -1) // 2"))
    XCTAssertFalse(writer.checker.isViable("        h = h.view(h.shape[0], 3, -1)"))
    XCTAssertTrue(writer.checker.isViable("        h = h.view(h.shape[0], 3"))
    XCTAssertTrue(writer.checker.canEnd("        h = h.view(h.shape[0], 40)"))
  }

  func testAFailureOfWhatFollowsTheExpressionGivesNoPrefix() {
    var writer = writerInForward()
    // The view works; dividing a tensor by an integer with `//` is what fails (reported at the view's start).
    guard case .rejected(_, let prefix) = writer.write("        h = h.view(h.shape[0], 5, -1) // 2") else {
      return XCTFail("floor division of a tensor is unsupported")
    }
    XCTAssertNil(prefix)
  }

  func testAFailureAtANameGivesNoPrefix() {
    var writer = writerInForward()
    // Reported at `h`, a name that could still have grown into another (`h2`, `hidden`): nothing beyond the line.
    guard case .rejected(_, let prefix) = writer.write("        h = h @ h") else {
      return XCTFail("[4, 5, 8] @ [4, 5, 8] must be rejected")
    }
    XCTAssertNil(prefix)
  }
}
