import EvoTensor
import Tasks
import XCTest

/// Batching trajectories into dm-clrs's layout, and the training / validation / test data sources.
final class CLRSBatchTests: XCTestCase {
  func trajectories(_ algorithm: CLRSAlgorithm, n: Int, count: Int, seed: UInt64) -> [CLRSTrajectory] {
    var random = RandomSource(seed: seed)
    let sampler = CLRSSampler.ibarzTraining(algorithm)
    return (0..<count).map { _ in CLRSRunPyTransform.apply(to: sampler.sample(nodeCount: n, using: &random)) }
  }

  func testBatchShapesFollowDmClrs() {
    let samples = trajectories(.articulationPoints, n: 6, count: 3, seed: 1)
    let batch = CLRSBatch(trajectories: samples, paddedHintLength: 0)
    let longest = samples.map(\.hintLength).max()!
    XCTAssertEqual(batch.batchSize, 3)
    XCTAssertEqual(batch.nodeCount, 6)
    XCTAssertEqual(batch.hintLengths, samples.map(\.hintLength))
    XCTAssertEqual(batch.paddedHintLength, longest)
    XCTAssertEqual(batch.inputs.map(\.spec.name), ["pos", "A", "adj"])
    XCTAssertEqual(batch.inputs.map(\.shape), [[3, 6], [3, 6, 6], [3, 6, 6]])
    XCTAssertEqual(batch.outputs.map(\.shape), [[3, 6]])
    let shapes = Dictionary(uniqueKeysWithValues: batch.hints.map { ($0.spec.name, $0.shape) })
    XCTAssertEqual(shapes["color"], [longest, 3, 6, 3])
    XCTAssertEqual(shapes["time"], [longest, 3])
    XCTAssertEqual(shapes["pi_h"], [longest, 3, 6])
    XCTAssertEqual(batch.hints.map(\.spec), CLRSAlgorithmSpec.articulationPoints.hints)
  }

  func testHintsArePaddedWithZerosAndRoundTrip() {
    let samples = trajectories(.mstKruskal, n: 7, count: 4, seed: 3)
    let batch = CLRSBatch(trajectories: samples, paddedHintLength: 60)
    XCTAssertEqual(batch.paddedHintLength, max(60, samples.map(\.hintLength).max()!))
    for (index, sample) in samples.enumerated() {
      XCTAssertEqual(batch.trajectory(at: index, algorithm: .mstKruskal), sample)
      // Past the sample's length every hint is zero (masks are implicit in hintLengths).
      for hint in batch.hints {
        let perStep = hint.shape.dropFirst(2).reduce(1, *)
        for step in sample.hintLength..<batch.paddedHintLength {
          let start = (step * batch.batchSize + index) * perStep
          XCTAssertTrue(hint.values[start..<(start + perStep)].allSatisfy { $0 == 0 }, hint.spec.name)
        }
      }
    }
  }

  func testRunPyLayoutOfInsertionSortAndActivitySelector() {
    let sort = CLRSBatch(trajectories: trajectories(.insertionSort, n: 5, count: 2, seed: 4))
    XCTAssertEqual(sort.outputs.map(\.spec.name), ["pred", "pred_mask"])
    XCTAssertEqual(sort.outputs.map(\.shape), [[2, 5, 5], [2, 5]])
    let activities = CLRSBatch(trajectories: trajectories(.activitySelector, n: 5, count: 2, seed: 4))
    XCTAssertEqual(activities.inputs.map(\.spec.name), ["pos", "s", "f", "pred"])
    XCTAssertEqual(activities.hints.map(\.spec.name), ["selected_h", "m", "k"])
  }

  func testTrainingBatchesCycleSizesWithATrackedPaddedLength() {
    var stream = CLRSTrainingBatches(
      algorithm: .articulationPoints, sizes: [4, 7, 11], batchSize: 8, seed: 5, lengthEstimateSamples: 50)
    let initial = stream.paddedHintLengths
    var previous = initial
    for step in 0..<9 {
      let batch = stream.next()
      XCTAssertEqual(batch.nodeCount, [4, 7, 11][step % 3])
      XCTAssertEqual(batch.batchSize, 8)
      XCTAssertGreaterThanOrEqual(batch.paddedHintLength, previous[step % 3])
      XCTAssertEqual(batch.paddedHintLength, stream.paddedHintLengths[step % 3])
      previous = stream.paddedHintLengths
      // Random pos: sorted values in [0, 1), not i/N.
      let pos = batch.inputs[0]
      for sample in 0..<8 {
        let row = Array(pos.values[(sample * batch.nodeCount)..<((sample + 1) * batch.nodeCount)])
        XCTAssertEqual(row, row.sorted())
        XCTAssertTrue(row.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertNotEqual(row[1], 1 / Float(batch.nodeCount))
      }
    }
    func makeStream(seed: UInt64) -> CLRSTrainingBatches {
      CLRSTrainingBatches(
        algorithm: .articulationPoints, sizes: [4, 7, 11], batchSize: 8, seed: seed, lengthEstimateSamples: 50)
    }
    XCTAssertEqual(makeStream(seed: 5).paddedHintLengths, initial)
    var replay = makeStream(seed: 5)
    var original = makeStream(seed: 5)
    XCTAssertEqual(replay.next(), original.next(), "a seed determines the stream")
    var other = makeStream(seed: 6)
    XCTAssertNotEqual(other.next(), original.next())
  }

  func testValidationAndTestSets() {
    var settings = CLRSDataSettings(algorithm: .bfs)
    settings.trainSizes = [4]
    settings.validationCount = 10
    settings.testSize = 20
    settings.testCount = 5
    settings.lengthEstimateSamples = 10
    let data = CLRSData(settings, seed: 9)
    XCTAssertEqual(data.validation.trajectories.count, 10)
    XCTAssertEqual(data.validation.nodeCount, 16)
    let batches = data.validation.batches(size: 4)
    XCTAssertEqual(batches.map(\.batchSize), [4, 4, 2])
    XCTAssertTrue(batches.allSatisfy { $0.paddedHintLength == data.validation.paddedHintLength })
    XCTAssertNotEqual(data.validation.trajectories[0].inputs[0].values[1], 1 / 16, "validation pos is random")
    let test = data.test.batches(size: 32)
    XCTAssertEqual(test.count, 1)
    XCTAssertEqual(test[0].nodeCount, 20)
    XCTAssertEqual(Array(test[0].inputs[0].values.prefix(3)), [0, 0.05, 0.1], "test pos is i/N")
    let again = CLRSData(settings, seed: 9)
    XCTAssertEqual(again.validation.trajectories, data.validation.trajectories)
    XCTAssertEqual(again.test.trajectories, data.test.trajectories)
  }
}
