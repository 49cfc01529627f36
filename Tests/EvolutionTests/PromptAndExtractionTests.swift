import Evolution
import XCTest

final class PromptAndExtractionTests: XCTestCase {
  func testTargetFollowsThePaper() {
    let target = ParentMetrics.target(for: [
      ParentMetrics(params: 5210, validationAccuracy: 0.921), ParentMetrics(params: 15210, validationAccuracy: 0.68),
    ])
    XCTAssertEqual(target.params, 4700)  // 90% of 5,210 = 4,689, rounded to 100
    XCTAssertEqual(target.validationAccuracy, 0.939, accuracy: 1e-6)  // 102% of 92.1% = 93.94%, rounded to 0.1%
    XCTAssertEqual(
      ParentMetrics.target(for: [ParentMetrics(params: 10, validationAccuracy: 0.99)]).validationAccuracy, 1)
  }

  func testExtractionOfRawContinuationsAndChatReplies() {
    let extractor = CodeExtractor(programOpening: "import torch\n")
    let raw = "class Model(nn.Module):\n    pass\n\n\"\"\"Metrics: {'num_params': 1}\"\"\"\nclass Next: pass"
    XCTAssertEqual(extractor.extract(from: raw), "import torch\n\n\nclass Model(nn.Module):\n    pass\n")
    let chat = "Sure!\n```python\nimport torch\nclass M(nn.Module):\n    pass\n```\nThis model is smaller."
    XCTAssertEqual(extractor.extract(from: chat), "import torch\n\n\nclass M(nn.Module):\n    pass\n")
    // A reply cut off inside the model has no model to keep.
    let cutOff = "```python\nimport torch\nclass M(nn.Module):\n    def forward(self, x):"
    XCTAssertNil(extractor.extract(from: cutOff))
    XCTAssertNil(extractor.extract(from: "I cannot write that."))
    XCTAssertNil(extractor.extract(from: "```bash\npip install torch\n```"))
    XCTAssertNil(extractor.extract(from: ""))
  }
}
