import Evolution
import XCTest

/// The opening contract: a reply follows the opening to make a program; a program minus the opening is what the
/// model wrote.
final class ProgramOpeningTests: XCTestCase {
  let opening = ProgramOpening.pytorch

  func testAReplyThatRestatesTheImportsKeepsThemOnceAfterExtraction() throws {
    let whole =
      "import torch\nimport torch.nn as nn\nclass Model(nn.Module):\n    def forward(self, x):\n        return x\n"
    XCTAssertEqual(opening.program(continuing: whole), opening.text + whole)
    let code = try XCTUnwrap(CodeExtractor(programOpening: opening.text).extract(from: whole))
    XCTAssertEqual(code.components(separatedBy: "import torch.nn as nn").count, 2, code)
  }

  func testTheCompletionIsWhatFollowsTheOpening() {
    let continuation = "\nclass Model(nn.Module):\n    pass\n"
    XCTAssertEqual(opening.completion(of: opening.program(continuing: continuation)), continuation)
    XCTAssertEqual(opening.completion(of: continuation), continuation, "a hand-written program is kept whole")
  }

  func testThePromptBuilderEndsPromptsWithTheOpening() {
    XCTAssertEqual(PromptBuilder().programOpening, opening.text)
    XCTAssertTrue(PromptBuilder().prompt(parents: []).hasSuffix(opening.text))
  }
}
