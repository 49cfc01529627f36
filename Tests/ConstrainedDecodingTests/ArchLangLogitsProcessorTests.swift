import XCTest

import ConstrainedDecoding

final class ArchLangLogitsProcessorTests: XCTestCase {
  private let texts: [String?] = [
    "Here", " is", "class", " Model", "(nn.Module):", "\n", "    def", " __init__", "(self):", " forward", nil, "\n\n",
  ]

  func testForbiddenTokensAreMaskedAndAllowedOnesKeepTheirLogits() {
    let vocabulary = TokenVocabulary(texts: texts)
    let processor = ArchLangLogitsProcessor(
      vocabulary: vocabulary, opening: "import torch\nimport torch.nn as nn\n",
      filter: CandidateFilter(limit: 3, window: 100))
    var logits: [Float] = [9, 8, 5, 1, 1, 1, 1, 1, 1, 1, 20, 4]
    processor.process(logits: &logits, generated: [])
    XCTAssertEqual(logits[0], -.infinity, "prose is masked")
    XCTAssertEqual(logits[10], -.infinity, "tokens with no text are masked")
    XCTAssertEqual(logits[2], 5, "an allowed token keeps its logit")
    XCTAssertEqual(logits[11], 4)
    XCTAssertEqual(logits[5], 1, "a blank line is allowed at module level")
    XCTAssertEqual(logits.filter { $0 > -.infinity }.count, 3, "at most `limit` tokens stay")

    for token in [2, 3, 4, 5, 6] { processor.didSelect(token: token) }
    XCTAssertEqual(processor.committedLines.map(\.kind), [.classHeader])
    XCTAssertEqual(processor.partialLine, "    def")
    var next: [Float] = [1, 1, 1, 1, 1, 1, 1, 2, 1, 3, 1, 1]
    processor.process(logits: &next, generated: [])
    XCTAssertEqual(next[7], 2, "__init__ comes first")
    XCTAssertEqual(next[9], -.infinity, "forward before __init__ is masked")
  }
}
