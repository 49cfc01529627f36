import ArchLang
import ConstrainedDecoding
import XCTest

final class PrefixCheckerTests: XCTestCase {
  /// A checker past the prompt's opening (the three torch imports).
  private func checkerAfterOpening() -> PrefixChecker {
    var checker = PrefixChecker()
    for line in ["import torch", "import torch.nn as nn", "import torch.nn.functional as F"] {
      XCTAssertNotNil(checker.commit(line), line)
    }
    return checker
  }

  /// A checker past `lines`, failing the test if one is rejected.
  private func checker(after lines: [String], file: StaticString = #filePath, line: UInt = #line) -> PrefixChecker {
    var checker = checkerAfterOpening()
    for text in lines { XCTAssertNotNil(checker.commit(text), "rejected line: \(text)", file: file, line: line) }
    return checker
  }

  private let modelHeader = [
    "class Model(nn.Module):", "    def __init__(self, channels=16):", "        super().__init__()",
    "        self.conv1 = nn.Conv1d(1, channels, 3, padding=1)", "        self.fc = nn.Linear(channels * 40, 10)",
    "    def forward(self, x):",
  ]

  func testEveryPrefixOfEverySeedIsAccepted() {
    for seed in SeedProgram.all {
      var checker = PrefixChecker()
      var line = ""
      for character in seed.source {
        if character == "\n" {
          XCTAssertTrue(checker.canEnd(line), "\(seed.name): cannot end line '\(line)'")
          XCTAssertNotNil(checker.commit(line), "\(seed.name): rejected line '\(line)'")
          line = ""
        } else {
          line.append(character)
          XCTAssertTrue(checker.isViable(line), "\(seed.name): rejected prefix '\(line)'")
        }
      }
      XCTAssertTrue(line.isEmpty || checker.canEnd(line), "\(seed.name): last line")
    }
  }

  func testTokenContinuationsAcrossLinesAreChecked() {
    let checker = checkerAfterOpening()
    XCTAssertTrue(checker.accepts("\n\nclass Mo", after: ""))
    XCTAssertTrue(checker.accepts(":\n    def", after: "class Model(nn.Module)"))
    XCTAssertFalse(checker.accepts("\nprint", after: "class Model(nn.Module):"))
    XCTAssertFalse(checker.accepts("\n", after: "class Model(nn.Module"))
  }

  func testUnknownKeywordArgumentsAreRejected() {
    let checker = checker(after: Array(modelHeader.prefix(3)))
    XCTAssertTrue(checker.isViable("        self.conv = nn.Conv1d(1, 8, 3, str"))
    XCTAssertTrue(checker.isViable("        self.conv = nn.Conv1d(1, 8, 3, stride=2"))
    XCTAssertFalse(checker.isViable("        self.conv = nn.Conv1d(1, 8, 3, strides=2"))
    XCTAssertFalse(checker.isViable("        self.conv = nn.Conv1d(1, 8, kernel=3"))
    XCTAssertFalse(checker.isViable("        self.fc = nn.Linear(10, 20, activation"))
    // No comma where no argument can follow: ReLU takes `inplace` alone, by position or keyword.
    XCTAssertFalse(checker.isViable("        self.relu = nn.ReLU(inplace=True, "))
    XCTAssertFalse(checker.isViable("        self.relu = nn.ReLU(True, "))
    XCTAssertTrue(checker.isViable("        self.conv = nn.Conv1d(1, 8, 3, stride=2, "))
    // Positional after keyword, and too many positional arguments.
    XCTAssertFalse(checker.isViable("        self.fc = nn.Linear(in_features=10, 20"))
    XCTAssertFalse(checker.isViable("        self.fc = nn.Linear(10, 20, True, None, None, 3"))
  }

  func testOnlyPositionalArgumentsAreUnpacked() {
    let initializer = checker(after: Array(modelHeader.prefix(3)))
    XCTAssertFalse(initializer.isViable("        self.relu = nn.ReLU(inplace=True, **"))
    XCTAssertFalse(initializer.isViable("        self.relu = nn.ReLU(inplace=True, *"))
    let forward = checker(after: modelHeader)
    XCTAssertTrue(forward.isViable("        x = x.view(*x.shape[:2], -1)"))
    XCTAssertFalse(forward.isViable("        x = x.view(**"))
    XCTAssertFalse(forward.isViable("        x = x.view(x.shape[0] * *"))
    XCTAssertFalse(forward.isViable("        x = x.view(x.shape[0], * *"))
  }

  func testBracketsNestFiveDeepAtMost() {
    let forward = checker(after: modelHeader)
    XCTAssertTrue(forward.isViable("        x = F.relu(F.relu(F.relu(F.relu(F.relu(x"))
    XCTAssertFalse(forward.isViable("        x = F.relu(F.relu(F.relu(F.relu(F.relu(F.relu("))
    XCTAssertFalse(forward.isViable("        x = F.relu(F.relu(F.relu(F.relu(F.relu(x[0"))
  }

  func testNoMethodBeginsOnceInitAndForwardAreWritten() {
    let checker = checker(after: modelHeader + ["        return self.fc(x.flatten(1))"])
    XCTAssertFalse(checker.isViable("    def"))
    XCTAssertFalse(checker.isViable("    de"))
    XCTAssertTrue(self.checker(after: Array(modelHeader.prefix(5))).isViable("    def"))
  }

  func testUnknownModulesAndMethodsAreRejected() {
    let checker = checker(after: Array(modelHeader.prefix(3)))
    XCTAssertTrue(checker.isViable("        self.conv = nn.Con"))
    XCTAssertFalse(checker.isViable("        self.conv = nn.Conv2d("))
    XCTAssertFalse(checker.isViable("        self.act = nn.Swish()"))
    XCTAssertFalse(checker.isViable("        self.act = F.swish"))
    XCTAssertFalse(checker.isViable("        self.act = torch.nn.functional.relu"))
  }

  func testNamesMustBeDefinedBeforeUse() {
    let forward = checker(after: modelHeader)
    XCTAssertTrue(forward.isViable("        x = self.conv1(x)"))
    XCTAssertTrue(forward.canEnd("        x = self.conv1(x).relu()"))
    XCTAssertFalse(forward.isViable("        x = self.pool("))
    XCTAssertFalse(forward.isViable("        x = self.conv1(y)"))
    XCTAssertFalse(forward.isViable("        self.extra = nn.Linear(1, 2)"))
    XCTAssertTrue(forward.canEnd("        return self.fc(x.flatten(1))"))
    let initializer = checker(after: Array(modelHeader.prefix(3)))
    XCTAssertFalse(initializer.isViable("        self.fc = nn.Linear(hidden"))
    XCTAssertFalse(initializer.isViable("        return x"))
    XCTAssertFalse(initializer.isViable("        y = self.conv1"))
  }

  func testProseAndBrokenLayoutAreRejected() {
    let top = checkerAfterOpening()
    XCTAssertFalse(top.isViable("This model uses"))
    XCTAssertFalse(top.isViable("Here is"))
    XCTAssertFalse(top.isViable("    x = 1"))
    XCTAssertFalse(top.isViable("def forward(x):"))
    let afterClass = checker(after: ["class Model(nn.Module):"])
    XCTAssertFalse(afterClass.isViable("def"))
    XCTAssertFalse(afterClass.isViable("    def forward(self, x):"), "forward before __init__")
    XCTAssertFalse(afterClass.isViable("        x = 1"))
    XCTAssertTrue(afterClass.isViable("    \"\"\"A small CNN."))
    XCTAssertTrue(afterClass.canEnd("    \"\"\"A small CNN.\"\"\""))
    XCTAssertFalse(afterClass.isViable("    def __init__(self, channels):"), "Model is built without arguments")
    let forward = checker(after: modelHeader)
    XCTAssertFalse(forward.canEnd("        x = self.conv1(x"))
    XCTAssertFalse(forward.isViable("        x = self.conv1(x))"))
    XCTAssertFalse(forward.isViable("        x = x + ` "))
    XCTAssertTrue(forward.canEnd("        x = self.conv1(x)  # [B, 16, 40]"))
  }

  func testBannedLinesCannotBeCompletedAgain() {
    var checker = checker(after: modelHeader)
    let line = "        x = self.conv1(x)"
    let key = PrefixChecker.banKey(lineNumber: checker.lineNumber, codeKey: "x = self . conv1 ( x )")
    checker.bannedLines.insert(key)
    XCTAssertTrue(checker.isViable(line))
    XCTAssertFalse(checker.canEnd(line))
    XCTAssertFalse(checker.canEnd(line + "  # again"))
    XCTAssertTrue(checker.canEnd("        x = self.conv1(x).relu()"))
  }
}
