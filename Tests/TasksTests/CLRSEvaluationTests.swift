import Foundation
import Tasks
import XCTest

/// CLRSEvaluation against scores computed by dm-clrs 2.0.3's `clrs.evaluate` (Fixtures/clrs/evaluation.json, made
/// by scripts/make_clrs_eval_fixtures.py).
final class CLRSEvaluationTests: XCTestCase {
  struct Fixture: Decodable {
    struct Array: Decodable {
      var name: String
      var location: String
      var type: String
      var shape: [Int]
      var data: [Double]

      var probe: CLRSProbeArray {
        let type = CLRSProbeType(rawValue: self.type)!
        let spec = CLRSProbeSpec(
          name: name, stage: .output, location: CLRSLocation(rawValue: location)!, type: type,
          categoryCount: type == .categorical ? shape.last! : 0)
        return CLRSProbeArray(spec: spec, shape: shape, values: data.map { Float($0) })
      }
    }
    struct Batch: Decodable {
      var outputs: [Array]
      var predictions: [Array]
      var expected_alone: Double
    }
    struct Case: Decodable {
      var name: String
      var outputs: [Array]
      var predictions: [Array]
      var expected: [String: Double]
      var batches: [Batch]?
    }
    var cases: [Case]
  }

  func fixture() throws -> Fixture {
    let data = try Data(contentsOf: URL(fileURLWithPath: FixtureLocation.path("clrs/evaluation.json")))
    return try JSONDecoder().decode(Fixture.self, from: data)
  }

  func testScoresEqualDmClrsEvaluate() throws {
    let cases = try fixture().cases
    XCTAssertEqual(cases.count, 10)
    for item in cases {
      let scores = CLRSEvaluation.evaluate(
        outputs: item.outputs.map(\.probe), predictions: item.predictions.map(\.probe))
      for (name, expected) in item.expected where name != "score" {
        XCTAssertEqual(try XCTUnwrap(scores.outputs[name], "\(item.name) \(name)"), expected, accuracy: 1e-6, item.name)
      }
      XCTAssertEqual(scores.outputs.count, item.expected.count - 1, item.name)
      XCTAssertEqual(scores.score, item.expected["score"]!, accuracy: 1e-6, item.name)
    }
  }

  /// run.py scores a split by concatenating its batches: F1 comes from pooled counts, not a mean of batch F1s.
  func testSplitsArePooledNotAveraged() throws {
    let pooled = try XCTUnwrap(try fixture().cases.first { $0.name == "pooled" })
    let batches = try XCTUnwrap(pooled.batches)
    let scores = CLRSEvaluation.evaluate(
      batches: batches.map { (outputs: $0.outputs.map(\.probe), predictions: $0.predictions.map(\.probe)) })
    XCTAssertEqual(scores.score, pooled.expected["score"]!, accuracy: 1e-6)
    for batch in batches {
      let alone = CLRSEvaluation.evaluate(
        outputs: batch.outputs.map(\.probe), predictions: batch.predictions.map(\.probe))
      XCTAssertEqual(alone.score, batch.expected_alone, accuracy: 1e-6)
    }
    let meanOfBatches = batches.map(\.expected_alone).reduce(0, +) / Double(batches.count)
    XCTAssertGreaterThan(abs(scores.score - meanOfBatches), 0.1)
  }

  func testPermutationFusionGivesPredecessorPointers() {
    // Order 2, 0, 1: pred = [2, 0, 2] (node 2 first, pointing to itself).
    let (permutation, first) = CLRSRunPyTransform.cyclicPermutationAndFirst(predecessors: [2, 0, 2])
    XCTAssertEqual(first, [0, 0, 1])
    XCTAssertEqual(permutation, [0, 0, 1, 1, 0, 0, 0, 1, 0], "the first node (2) points to the last (1)")
    let fused = CLRSEvaluation.fusePermutation(
      CLRSProbeArray(
        spec: CLRSProbeSpec(name: "pred", stage: .output, location: .node, type: .permutationPointer),
        shape: [1, 3, 3],
        values: permutation),
      mask: CLRSProbeArray(
        spec: CLRSProbeSpec(name: "pred_mask", stage: .output, location: .node, type: .maskOne), shape: [1, 3],
        values: first))
    XCTAssertEqual(fused.values, [2, 0, 2])
    XCTAssertEqual(fused.spec.type, .pointer)
  }
}
