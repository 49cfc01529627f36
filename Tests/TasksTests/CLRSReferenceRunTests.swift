import Foundation
import Tasks
import XCTest

/// A dm-clrs run recorded by `Benchmarks/clrs_reference_train.py --export` (Fixtures/clrs_replay_bfs.json: BFS, H 8,
/// batches of 4, six steps) rebuilt as the batches and sets `clrs train --replay` trains and scores on.
final class CLRSReferenceRunTests: XCTestCase {
  static let path = FixtureLocation.path("clrs_replay_bfs.json")

  func testTheRecordedBatchesAreRebuiltInOrderWithTheirPos() throws {
    let run = try CLRSReferenceRun(path: Self.path)
    XCTAssertEqual(run.algorithm, .bfs)
    XCTAssertEqual(run.train.count, 6)
    let settings = try run.trainingSettings()
    XCTAssertEqual(settings.steps, 6)
    XCTAssertEqual(settings.hidden, 8)
    XCTAssertEqual(settings.evaluationInterval, 2)
    XCTAssertEqual(settings.data.trainSizes, [4, 7, 11])
    XCTAssertEqual(settings.data.testSize, 12)
    var data = try run.data()
    for (index, recorded) in run.train.enumerated() {
      let batch = data.train.next()
      XCTAssertEqual(batch.nodeCount, [4, 7, 11][index % 3], "sizes cycle as dm-clrs's streams do")
      XCTAssertEqual(batch.hintLengths, recorded.lengths, "the Swift BFS runs as long as dm-clrs's")
      XCTAssertEqual(batch.paddedHintLength, recorded.hintLength)
      let pos = try XCTUnwrap(batch.inputs.first { $0.spec.name == "pos" })
      XCTAssertEqual(pos.values, recorded.inputs["pos"]!.data.map(Float.init), "pos as dm-clrs trained on it")
    }
    XCTAssertEqual(data.train.next().hintLengths, run.train[0].lengths, "after the last batch, the first again")
    XCTAssertEqual(data.validation.trajectories.count, 6)
    XCTAssertEqual(data.test.trajectories.count, 5)
    XCTAssertEqual(data.test.nodeCount, 12)
  }

  func testARecordedInputTheAlgorithmDoesNotRecordIsNamed() throws {
    var root = try Self.recording()
    var train = root["train"] as! [[String: Any]]
    var inputs = train[1]["inputs"] as! [String: Any]
    var adj = inputs["adj"] as! [String: Any]
    var values = adj["data"] as! [Double]
    values[1] = 1 - values[1]
    adj["data"] = values
    inputs["adj"] = adj
    train[1]["inputs"] = inputs
    root["train"] = train
    let path = try write(root)
    XCTAssertThrowsError(try CLRSReferenceRun(path: path).data()) { error in
      XCTAssertEqual("\(error)", "\(path): train[1] graph 0 input adj differs from the one the algorithm records")
    }
  }

  func testADamagedRecordingNamesThePlace() throws {
    var root = try Self.recording()
    root["parameters"] = nil
    let missing = try write(root)
    XCTAssertThrowsError(try CLRSReferenceRun(path: missing)) { error in
      XCTAssertEqual("\(error)", "\(missing): parameters is missing")
    }
    var test = root["test"] as! [String: Any]
    test["lengths"] = "five"
    root["test"] = test
    root["parameters"] = [String: Any]()
    let mistyped = try write(root)
    XCTAssertThrowsError(try CLRSReferenceRun(path: mistyped)) { error in
      XCTAssertTrue("\(error)".hasPrefix("\(mistyped): test.lengths "), "\(error)")
    }
    let truncated = try write(nil, text: "{\"algorithm\": \"bfs\", \"train\": [")
    XCTAssertThrowsError(try CLRSReferenceRun(path: truncated)) { error in
      XCTAssertTrue("\(error)".hasPrefix("\(truncated): file is not a recorded run"), "\(error)")
    }
    XCTAssertThrowsError(try CLRSReferenceRun(path: Self.path).trainingSettings(steps: 7)) { error in
      XCTAssertEqual("\(error)", "\(Self.path): train holds 6 batches, not 7")
    }
  }

  static func recording() throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
  }

  private func write(_ object: [String: Any]?, text: String? = nil) throws -> String {
    let path = NSTemporaryDirectory() + "replay-\(UUID().uuidString).json"
    let data = try text.map { Data($0.utf8) } ?? JSONSerialization.data(withJSONObject: object!)
    try data.write(to: URL(fileURLWithPath: path))
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }
}
