import Evolution
import Foundation
import PromptTuning
import XCTest

/// The real-data pairs made by `scripts/make_tuning_fixtures.py pairs`: readable, and prompted as `PromptBuilder` does.
final class MNIST1DPairsTests: XCTestCase {
  private struct Line: Decodable {
    let child: String
    let parents: [String]
    let parentMetrics: [[Double]]
    let prompt: String
    let completion: String

    enum CodingKeys: String, CodingKey {
      case child, parents, prompt, completion
      case parentMetrics = "parent_metrics"
    }
  }

  func testPromptsAreExactlyPromptBuildersOutput() throws {
    let builder = PromptBuilder()
    var lines: [Line] = []
    for name in ["train.jsonl", "eval.jsonl"] {
      let path = try TuningFixtures.path("mnist1d_pairs/\(name)")
      XCTAssertFalse(try TuningPairsFile.read(from: path).isEmpty)
      let text = try String(contentsOfFile: path, encoding: .utf8)
      lines += try text.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
    }
    XCTAssertEqual(lines.count, 20)
    // Every program is the child of exactly one pair, so the pairs hold the code of every parent; a completion
    // lacks the program opening exactly when the program began with it (as the search loop's tuning examples).
    var code: [String: String] = [:]
    for line in lines {
      code[line.child] =
        line.completion.hasPrefix("import") ? line.completion : builder.programOpening + line.completion
    }
    for line in lines {
      let parents = try zip(line.parents, line.parentMetrics).map { name, metrics in
        (
          code: try XCTUnwrap(code[name]),
          metrics: ParentMetrics(params: Int(metrics[0]), validationAccuracy: Float(metrics[1]))
        )
      }
      XCTAssertEqual(builder.prompt(parents: parents), line.prompt, line.child)
    }
  }
}
