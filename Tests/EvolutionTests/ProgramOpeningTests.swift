import Evolution
import XCTest

/// The opening contract: a reply either restates the imports (a whole program) or continues after them.
final class ProgramOpeningTests: XCTestCase {
  let opening = ProgramOpening.pytorch

  func testAReplyThatRestatesTheImportsIsAWholeProgram() {
    let whole = "import torch\nimport torch.nn as nn\nclass Model(nn.Module):\n    pass\n"
    XCTAssertTrue(opening.isRestated(in: whole))
    XCTAssertEqual(opening.program(from: whole), whole)
  }

  func testAContinuationGetsTheOpeningInFront() {
    let continuation = "\nclass Model(nn.Module):\n    pass\n"
    XCTAssertFalse(opening.isRestated(in: continuation))
    XCTAssertEqual(opening.program(from: continuation), opening.text + continuation)
  }

  func testThePromptBuilderEndsPromptsWithTheOpening() {
    XCTAssertEqual(PromptBuilder().programOpening, opening.text)
    XCTAssertTrue(PromptBuilder().prompt(parents: []).hasSuffix(opening.text))
  }

  func testAnotherOpeningIsRecognisedByItsFirstLine() {
    let other = ProgramOpening("\nimport jax\nimport flax.linen as nn\n")
    XCTAssertTrue(other.isRestated(in: "import jax\nx = 1\n"))
    XCTAssertFalse(other.isRestated(in: "import torch\n"))
  }
}
