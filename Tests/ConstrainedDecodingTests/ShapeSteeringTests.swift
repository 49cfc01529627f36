import ConstrainedDecoding
import XCTest

/// The shape checks that steer a small model while it writes: what the line checks learn from running the partial
/// program, and how the prefix checker uses it.
final class ShapeSteeringTests: XCTestCase {
  func writer(initializer: [String]) -> LineByLineWriter {
    var writer = LineByLineWriter.classifierPastImports()
    for line in ["class Model(nn.Module):", "    def __init__(self):", "        super().__init__()"] + initializer {
      XCTAssertEqual(writer.write(line), .accepted, line)
    }
    return writer
  }

  func testALayerMustTakeAShapeTheLayersBeforeItGive() {
    var writer = writer(initializer: [])
    // The verifier alone (as with a layer nested in a container) rejects a misfit with the shapes it saw.
    var unchecked = writer
    unchecked.checker.shapeHints = nil
    guard case .rejected(let reason, _) = unchecked.write("        self.fc = nn.Sequential(nn.Linear(64, 10))") else {
      return XCTFail("a layer no tensor fits must be rejected")
    }
    XCTAssertTrue(reason.contains("takes none of the shapes"), reason)
    XCTAssertTrue(reason.contains("[B, 40]"), reason)
    // The prefix checker refuses the misfit size itself, and the right one passes.
    XCTAssertFalse(writer.accepts("        self.fc = nn.Linear(64, 10)"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(6"))
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear(40, 10)"))
    XCTAssertEqual(writer.write("        self.conv = nn.Conv1d(1, 8, 3)"), .accepted)
    // [B, 1, 40] -> [B, 8, 38]: a read-out may take the flattened 8 * 38 features, written as arithmetic.
    XCTAssertTrue(writer.checker.shapeHints?.channelCounts?.contains(8) == true)
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear(8 * 38, 10)"))
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear(304, 10)"))
    XCTAssertFalse(writer.accepts("        self.fc = nn.Linear(8 * 40, 10)"))
  }

  func testALinearTakesTheLayersInTheOrderTheyAreDeclared() {
    let writer = writer(initializer: [
      "        self.conv = nn.Conv1d(1, 32, 3, padding=1)", "        self.pool = nn.AvgPool1d(2)",
    ])
    // [B, 32, 40] pooled to [B, 32, 20]: the read-out takes 640; the unpooled 1,280 (which the convolution alone
    // gives) leaves the pooling out of every forward that uses the layers in their order.
    XCTAssertTrue(writer.accepts("        self.fc = nn.Linear(32 * 20, 10)"))
    XCTAssertFalse(writer.accepts("        self.fc = nn.Linear(32 * 40, 10)"))
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(32 * 4"))
    XCTAssertTrue(writer.checker.isViable("        self.fc = nn.Linear(32 * 2"))
  }

  func testAForwardLineAfterWhichNoLayerGivesTheScoresIsRejected() {
    var writer = writer(initializer: [
      "        self.conv = nn.Conv1d(1, 32, 3, padding=1)", "        self.fc = nn.Linear(32 * 40, 10)",
    ])
    XCTAssertEqual(writer.write("    def forward(self, x):"), .accepted)
    XCTAssertEqual(writer.write("        x = F.relu(self.conv(x.unsqueeze(1)))"), .accepted)
    // Pooling here halves the length the read-out was built for: no later line could reach the scores.
    guard case .rejected(let reason, _) = writer.write("        x = F.max_pool1d(x, 2)") else {
      return XCTFail("a line that loses the class scores must be rejected")
    }
    XCTAssertTrue(reason.contains("no layer gives the 10 class scores from x [B, 32, 20]"), reason)
    XCTAssertEqual(writer.write("        x = x.flatten(1)"), .accepted)
    XCTAssertEqual(writer.write("        return self.fc(x)")?.isFinished, true)
  }

  func testANameCannotGrowPastTheLimit() {
    var writer = writer(initializer: ["        self.fc = nn.Linear(40, 10)"])
    XCTAssertEqual(writer.write("    def forward(self, x):"), .accepted)
    let longest = String(repeating: "h", count: PrefixChecker.maximumNameLength)
    XCTAssertTrue(writer.checker.isViable("        \(longest)"))
    XCTAssertFalse(writer.checker.isViable("        \(longest)h"))
    XCTAssertFalse(writer.checker.isViable("        returnself_fc_F1_F2_F1_F1_F1_F1_F1_F1"))
  }

  func testForwardNeedsTheClassScoresReachable() {
    var writer = writer(initializer: ["        self.fc = nn.Linear(40, 32)"])
    // The prefix checker keeps `__init__` open: another layer is the way on.
    XCTAssertFalse(writer.accepts("    def forward(self, x):"))
    XCTAssertFalse(writer.checker.isViable("    def f"))
    // The line check alone rejects the header, with the shapes it found.
    var unsteered = writer
    unsteered.checker.steersLayerSizes = false
    guard case .rejected(let reason, _) = unsteered.write("    def forward(self, x):") else {
      return XCTFail("def forward without a way to the class scores must be rejected")
    }
    XCTAssertTrue(reason.contains("class scores"), reason)
    XCTAssertEqual(writer.write("        self.out = nn.Linear(32, 10)"), .accepted)
    XCTAssertEqual(writer.write("    def forward(self, x):"), .accepted)
  }

  func testFailedReturnsAreResampledAmongTheReturnsThatGiveTheScores() {
    var writer = writer(initializer: [
      "        self.conv = nn.Conv1d(1, 4, 3)", "        self.fc = nn.Linear(4 * 38, 10)",
    ])
    XCTAssertEqual(writer.write("    def forward(self, x):"), .accepted)
    XCTAssertEqual(writer.write("        h = self.conv(x.unsqueeze(1)).relu()"), .accepted)
    let goals = writer.checker.shapeHints?.returnExpressions ?? []
    XCTAssertEqual(goals.first, "self.fc(h.flatten(1))")
    XCTAssertTrue(goals.contains("self.fc(self.conv(x.unsqueeze(1)).flatten(1))"), "\(goals)")
    // Unrestricted, the model may write its own return (the full check judges it at the newline).
    XCTAssertTrue(writer.accepts("        return h.mean(2)"))
    writer.checker.restrictsReturns = true
    XCTAssertFalse(writer.accepts("        return h.mean(2)"))
    XCTAssertFalse(writer.checker.isViable("        return self.conv("))
    XCTAssertTrue(writer.checker.isViable("        return self.fc(h"))
    XCTAssertTrue(writer.accepts("        return self.fc(h.flatten(1))"))
    XCTAssertEqual(writer.write("        return self.fc(h.flatten(1))")?.isFinished, true)
  }

  func testForwardCallsOnlyLayersThatTakeATensorAtHand() {
    var writer = writer(initializer: [
      "        self.conv = nn.Conv1d(1, 4, 3)", "        self.fc = nn.Linear(4 * 38, 10)",
    ])
    XCTAssertEqual(writer.write("    def forward(self, x):"), .accepted)
    // The convolution needs [B, 1, 40]: not x as it is, but x reshaped.
    XCTAssertFalse(writer.accepts("        h = self.conv(x)"))
    XCTAssertTrue(writer.accepts("        h = self.conv(x.unsqueeze(1))"))
    // A layer is called, never computed with.
    XCTAssertFalse(writer.checker.isViable("        h = self.conv + 1"))
    XCTAssertFalse(writer.checker.isViable("        h = self.conv.weight"))
    XCTAssertFalse(writer.checker.isViable("        h = F.relu(self.conv)"))
    // Layers are built in __init__, not in forward.
    XCTAssertFalse(writer.checker.isViable("        h = nn.Linear(40, 10)"))
    XCTAssertEqual(writer.write("        h = self.conv(x.unsqueeze(1)).relu()"), .accepted)
    XCTAssertEqual(writer.write("        h = h.flatten(1)"), .accepted)
    // `return h` must return the class scores: h is [B, 152] here.
    XCTAssertFalse(writer.accepts("        return h"))
    XCTAssertEqual(writer.write("        return self.fc(h)")?.isFinished, true)
  }

  func testTheLastInitializerStatementIsTheReadOut() {
    var lines: [String] = []
    for index in 1..<PrefixChecker.maximumInitializerStatements - 1 {
      lines.append("        self.fc\(index) = nn.Linear(40, \(40 + index))")
    }
    let writer = writer(initializer: lines)
    XCTAssertFalse(writer.checker.isViable("        self.pool = nn.MaxPool1d(2)"))
    XCTAssertFalse(writer.accepts("        hidden = 40"))
    XCTAssertFalse(writer.accepts("        self.last = nn.Linear(40, 20)"))
    XCTAssertTrue(writer.accepts("        self.last = nn.Linear(40, 10)"))
  }

  func testABannedLayerStaysBannedUnderAnotherName() {
    var writer = writer(initializer: [])
    var trial = writer.checker
    guard let layer = trial.commit("        self.fc = nn.Linear(40, 10)") else {
      return XCTFail("the layer must commit")
    }
    writer.checker.bannedLines.insert(PrefixChecker.banKey(lineNumber: layer.lineNumber, codeKey: layer.codeKey))
    XCTAssertFalse(writer.accepts("        self.fc = nn.Linear(40, 10)"))
    XCTAssertFalse(writer.accepts("        self.out = nn.Linear(40, 10)"))
    XCTAssertTrue(writer.accepts("        self.out = nn.Linear(40, 20)"))
  }

  func testTheSteeringPolicyKeepsModelWithoutParametersAndLocalsInteger() {
    var writer = writer(initializer: [])
    // No attribute can be read in `__init__` (they are layers being built): `self.` is refused at `self`.
    XCTAssertFalse(writer.checker.isViable("        self.fc = nn.Linear(self"))
    XCTAssertTrue(writer.accepts("        hidden = 2 * 16"))
    XCTAssertFalse(writer.accepts("        hidden = [16, 32]"))
    XCTAssertEqual(writer.write("        hidden = 2 * 16"), .accepted)
    XCTAssertEqual(writer.checker.shapeHints?.knownIntegers["hidden"], 32)
    XCTAssertEqual(writer.write("        self.fc = nn.Linear(40, hidden)"), .accepted)
    XCTAssertEqual(writer.checker.shapeHints?.knownIntegers["hidden"], 32)
    XCTAssertTrue(writer.accepts("        self.out = nn.Linear(hidden, 10)"))
    XCTAssertTrue(writer.accepts("        self.out = nn.Linear((hidden), 10)"))
    XCTAssertFalse(writer.accepts("        self.out = nn.Linear(hidden + 1, 10)"))
    // Attributes hold layers.
    XCTAssertFalse(writer.accepts("        self.size = 32"))
    XCTAssertFalse(writer.checker.isViable("        self.layers = ["))

    var plain = LineByLineWriter.classifierPastImports()
    XCTAssertEqual(plain.write("class Model(nn.Module):"), .accepted)
    XCTAssertFalse(plain.checker.isViable("    def __init__(self, hidden=32"))
    plain.checker.steersLayerSizes = false
    XCTAssertTrue(plain.checker.canEnd("    def __init__(self, hidden=32):"))
  }
}
