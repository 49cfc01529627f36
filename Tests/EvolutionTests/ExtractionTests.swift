import ArchLang
import Evolution
import XCTest

/// Extraction on the parsed program: what is kept, dropped and carried, and why a reply is rejected.
final class ExtractionTests: XCTestCase {
  let opening = PromptBuilder().programOpening
  let check = CandidateCheck(exampleShape: [40], classCount: 10)

  static let parentWithHelper = """
    import torch
    import torch.nn as nn


    class ResidualBlock(nn.Module):
        def __init__(self, channels):
            super().__init__()
            self.conv = nn.Conv1d(channels, channels, 3, padding=1)

        def forward(self, x):
            return x + torch.relu(self.conv(x))


    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.stem = nn.Conv1d(1, 8, 3, padding=1)
            self.block = ResidualBlock(8)
            self.head = nn.Linear(8 * 40, 10)

        def forward(self, x):
            x = self.block(self.stem(x.unsqueeze(1)))
            return self.head(x.flatten(1))
    """

  /// A raw continuation the way a code model writes one: the model, then data, training and a main block.
  static let continuationWithTraining = """
    import numpy as np
    import torch.optim as optim

    HIDDEN = 32


    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(40, HIDDEN)
            self.fc2 = nn.Linear(HIDDEN, 10)

        def forward(self, x):
            return self.fc2(F.relu(self.fc1(x)))


    class MNISTDataset:
        def __init__(self, n):
            self.n = n


    def train(model, epochs):
        optimizer = optim.Adam(model.parameters(), lr=0.01)
        for epoch in range(epochs):
            pass


    model = Model()
    train(model, 10)

    if __name__ == "__main__":
        main()
    """

  func testKeepsTheModelAndWhatItReachesAndDropsTrainingCode() throws {
    let extraction = CodeExtractor(programOpening: opening).extraction(from: Self.continuationWithTraining)
    let code = try XCTUnwrap(extraction.code)
    XCTAssertTrue(code.contains("HIDDEN = 32"))
    XCTAssertTrue(code.contains("class Model(nn.Module)"))
    XCTAssertTrue(code.hasPrefix("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"))
    for gone in ["numpy", "optim", "MNISTDataset", "def train", "model = Model()", "__name__"] {
      XCTAssertFalse(code.contains(gone), "\(gone) should be dropped:\n\(code)")
    }
    let reasons = Dictionary(extraction.dropped.map { ($0.statement, $0.reason) }, uniquingKeysWith: { a, _ in a })
    XCTAssertEqual(reasons["import numpy as np"], "an unused import of a module outside the language")
    XCTAssertEqual(reasons["class MNISTDataset:"], "not used by the model")
    XCTAssertEqual(reasons["if __name__ == \"__main__\":"], "an `if __name__` block")
    XCTAssertTrue(check.run(code).isAccepted, "\(check.run(code).error?.description ?? "")")
  }

  func testAHelperOnlyAParentDefinesIsCarriedIn() throws {
    let reply = """
      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.stem = nn.Conv1d(1, 4, 3, padding=1)
              self.block = ResidualBlock(4)
              self.head = nn.Linear(4 * 40, 10)

          def forward(self, x):
              return self.head(self.block(self.stem(x.unsqueeze(1))).flatten(1))
      """
    let extractor = CodeExtractor(
      programOpening: opening, parentPrograms: ["class Other: pass", Self.parentWithHelper])
    let extraction = extractor.extraction(from: reply)
    XCTAssertEqual(extraction.carried, [CarriedDefinition(name: "ResidualBlock", kind: "class", parent: 1)])
    let code = try XCTUnwrap(extraction.code)
    XCTAssertLessThan(
      try XCTUnwrap(code.range(of: "class ResidualBlock")).lowerBound,
      try XCTUnwrap(code.range(of: "class Model")).lowerBound)
    let report = check.run(code)
    XCTAssertTrue(report.isAccepted, report.error?.description ?? "")
  }

  func testCutsAtTheFirstStatementThatDoesNotParse() throws {
    let reply = """
      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(40, 10)

          def forward(self, x):
              return self.fc(x)

      with torch.no_grad():
          print(Model()(torch.zeros(1, 40)))

      class Later(nn.Module):
          pass
      """
    let extraction = CodeExtractor(programOpening: opening).extraction(from: reply)
    let code = try XCTUnwrap(extraction.code)
    XCTAssertFalse(code.contains("no_grad"))
    XCTAssertFalse(code.contains("Later"))
    let cut = try XCTUnwrap(extraction.dropped.last)
    XCTAssertEqual(cut.line, 12)  // 3 lines of opening, then the reply's line 9
    XCTAssertTrue(cut.reason.hasPrefix("does not parse (12:"), cut.reason)
    XCTAssertTrue(check.run(code).isAccepted)
  }

  func testARedefinedModelKeepsOnlyItsLastDefinition() throws {
    let reply = """
      class Model(nn.Module):
          def forward(self, x):
              return x

      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(40, 10)

          def forward(self, x):
              return self.fc(x)
      """
    let extraction = CodeExtractor(programOpening: opening).extraction(from: reply)
    let code = try XCTUnwrap(extraction.code)
    XCTAssertEqual(code.components(separatedBy: "class Model").count, 2)
    XCTAssertEqual(extraction.dropped.first?.reason, "replaced by a later definition")
    XCTAssertEqual(check.run(code).parameterCount, 410)
  }

  func testAModelCutOffMidwayIsRejectedWithItsLocation() {
    let reply =
      "class Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(40,"
    let extraction = CodeExtractor(programOpening: opening).extraction(from: reply)
    XCTAssertNil(extraction.code)
    let failure = extraction.failure
    XCTAssertNotNil(failure?.line)
    XCTAssertTrue(failure?.message.contains("stops parsing at") ?? false, failure?.description ?? "")
  }

  func testADisallowedImportTheModelUsesIsKeptSoTheCheckNamesIt() throws {
    let reply = """
      import numpy as np

      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(40, int(np.sqrt(100)))

          def forward(self, x):
              return self.fc(x)
      """
    let report = ExtractionReport(reply: reply, prompt: "", programOpening: opening, check: check)
    XCTAssertFalse(report.ok)
    XCTAssertEqual(report.error?.stage, "check")
    XCTAssertEqual(report.error?.line, 4)
    XCTAssertTrue(report.error?.message.contains("numpy") ?? false, report.error?.description ?? "")
  }

  func testChatRepliesAndModelAssignments() throws {
    let chat = """
      Here is a smaller model:
      ```python
      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(40, 10)

          def forward(self, x):
              return self.fc(x)

      model = Net()
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      ```
      It has fewer parameters.
      """
    let extraction = CodeExtractor(programOpening: opening).extraction(from: chat)
    let code = try XCTUnwrap(extraction.code)
    XCTAssertTrue(code.contains("model = Net()"))
    XCTAssertFalse(code.contains("optimizer"))
    XCTAssertEqual(check.run(code).parameterCount, 410)
    XCTAssertEqual(
      CodeExtractor(programOpening: opening).extraction(from: "I cannot write that.").failure?.message,
      "the reply contains no program (no class and no `model = ...`)")
    XCTAssertEqual(
      CodeExtractor(programOpening: opening).extraction(from: "```bash\npip install torch\n```").failure?.message,
      "the reply's code blocks hold no model")
    XCTAssertEqual(CodeExtractor(programOpening: opening).extraction(from: "").failure?.message, "the reply is empty")
  }

  func testPromptsNameTheirParentsProgramsAndTheLevers() {
    let builder = PromptBuilder()
    let parents = [
      (code: "class A(nn.Module):\n    pass", metrics: ParentMetrics(params: 5000, validationAccuracy: 0.9)),
      (code: Self.parentWithHelper, metrics: ParentMetrics(params: 3000, validationAccuracy: 0.8)),
    ]
    let prompt = builder.prompt(parents: parents)
    let recovered = PromptBuilder.parentPrograms(inPrompt: prompt)
    XCTAssertEqual(recovered.count, 2)
    XCTAssertTrue(recovered[1].contains("class ResidualBlock"))
    XCTAssertTrue(prompt.hasSuffix(builder.programOpening))
    let novelty = builder.prompt(parents: parents, style: .novelty)
    XCTAssertTrue(novelty.contains("differs from every model above"))
    XCTAssertTrue(novelty.contains("1500 to 2700 parameters"))
    XCTAssertEqual(PromptBuilder.parentPrograms(inPrompt: novelty).count, 2)
    let edit = builder.prompt(parents: Array(parents.prefix(1)), style: .edit(part: "first layer"))
    XCTAssertTrue(edit.contains("with its first layer rewritten"))
  }

  func testCopiesDifferingOnlyInImportsShareTheNoveltyFingerprint() {
    let body = "class Model(nn.Module):\n    def forward(self, x):\n        return x  # a copy\n"
    XCTAssertEqual(
      ArchLangValidator.noveltyFingerprint(of: "import torch.nn as nn\n" + body),
      ArchLangValidator.noveltyFingerprint(
        of: "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n" + body))
    XCTAssertNotEqual(
      ArchLangValidator.noveltyFingerprint(of: body),
      ArchLangValidator.noveltyFingerprint(of: body.replacingOccurrences(of: "return x", with: "return -x")))
  }
}
