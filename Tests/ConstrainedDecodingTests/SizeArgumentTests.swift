import ConstrainedDecoding
import XCTest

/// A layer's input-size argument is written as a number, a known integer or a product of two, token by token on
/// its way to a size the layers before it give: no calls, subscripts or conditionals that a model pads a wrong size
/// with until the line dies (Qwen2.5-Coder's `nn.Linear(32 * (math.floor(math.log2(40)) + 1) [:-1] …`).
final class SizeArgumentTests: XCTestCase {
  func writer() -> LineByLineWriter {
    var writer = LineByLineWriter.classifierPastImports()
    for line in [
      "class Model(nn.Module):", "    def __init__(self):", "        super().__init__()",
      "        self.conv1 = nn.Conv1d(1, 16, 5, stride=2)",
    ] {
      XCTAssertEqual(writer.write(line), .accepted, line)
    }
    return writer
  }

  func testAProductOnItsWayToAFittingSizeIsKept() {
    let writer = writer()
    // conv1 gives [B, 16, 18]: flattened, 288 values.
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear(16 * 18, 10)"))
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear(288, 10)"))
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear((16 * 18), 10)"))
    XCTAssertTrue(writer.checker.isViable("        self.fc = nn.Linear(16 * 1"))
    XCTAssertTrue(writer.checker.isViable("        self.fc = nn.Linear(32 * 9"))
    XCTAssertTrue(writer.checker.isViable("        self.fc = nn.Linear(in_features=16 * 18"))
  }

  func testASizeThatCannotFitIsRefusedAsItIsTyped() {
    let writer = writer()
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(16 * 17"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(32 * 1"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(16 * 18 * 2"))
  }

  func testCallsSubscriptsAndConditionalsAreNotSizes() {
    let writer = writer()
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(16 * (math"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(16 * 18 if"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(288 [:"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(math.prod("))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(288 + 0"))
  }

  func testAKnownIntegerIsAFactor() {
    var writer = writer()
    XCTAssertEqual(writer.write("        channels = 16"), .accepted)
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear(channels * 18, 10)"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(channels * 17"))
  }
}

/// Once a model's own returns have failed, a return is one of the expressions known to give the class scores,
/// written as `return <goal>`: `return(goal)  # …` is no prefix of that (it was, and a model rambled in its comment).
final class RestrictedReturnTests: XCTestCase {
  func testOnlyTheGoalsFormIsAPrefix() {
    var writer = LineByLineWriter.classifierPastImports()
    for line in [
      "class Model(nn.Module):", "    def __init__(self):", "        super().__init__()",
      "        self.fc = nn.Linear(40, 10)", "", "    def forward(self, x):",
    ] {
      XCTAssertEqual(writer.write(line), .accepted, line)
    }
    writer.checker.restrictsReturns = true
    let goals = writer.checker.shapeHints?.returnExpressions ?? []
    XCTAssertFalse(goals.isEmpty)
    XCTAssertTrue(writer.checker.isViable("        retu"))
    XCTAssertTrue(writer.accepts("        return \(goals[0])"))
    XCTAssertFalse(writer.checker.isViable("        return(self.fc(x))  # [B, 10]"))
  }
}
