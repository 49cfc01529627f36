import EvoTensor
import Tasks
import XCTest

/// `CLRSTrainer` end to end on a tiny setting: the curve, the kept best-validation weights and the report.
final class CLRSTrainerTests: XCTestCase {
  private func tinySettings(_ algorithm: CLRSAlgorithm) -> CLRSTrainingSettings {
    var data = CLRSDataSettings(algorithm: algorithm)
    data.trainSizes = [4, 5]
    data.batchSize = 4
    data.validationSize = 5
    data.validationCount = 8
    data.testSize = 7
    data.testCount = 4
    data.lengthEstimateSamples = 20
    return CLRSTrainingSettings(
      data: data, hidden: 8, tripletFeatures: 4, steps: 5, evaluationInterval: 2, seed: 3, evaluationBatchSize: 3)
  }

  func testTrainingKeepsTheBestValidationWeightsAndScoresTheTestSet() throws {
    let settings = tinySettings(.bfs)
    let trainer = CLRSTrainer(settings: settings)
    let network = try trainer.makeNetwork { h, f, _, seed in
      NativeTripletMessages(hidden: h, tripletFeatures: f, seed: seed)
    }
    var data = CLRSData(settings.data, seed: settings.seed)
    var seen: [Int] = []
    let report = try trainer.train(network, data: &data) { seen.append($0.step) }
    XCTAssertEqual(seen, [0, 1, 2, 3, 4])
    XCTAssertEqual(report.curve.compactMap(\.validationScore).count, 3, "steps 0, 2 and 4")
    XCTAssertTrue(report.curve.allSatisfy { $0.loss.isFinite && $0.loss > 0 })
    XCTAssertEqual(report.parameters, network.parameterCount)
    let best = report.curve.filter { $0.validationScore != nil }.max { $0.validationScore! < $1.validationScore! }!
    XCTAssertEqual(report.validationScore, best.validationScore!)
    // The network holds the best weights: scoring the validation set again gives the reported score.
    let again = try CLRSTrainer.score(network, on: data.validation.batches(size: 3), chunkSize: 2)
    XCTAssertEqual(again.score, report.validationScore, accuracy: 1e-9)
    XCTAssertTrue((0...1).contains(report.testScore))
    XCTAssertEqual(report.testOutputs.keys.sorted(), ["pi"])
    XCTAssertGreaterThan(report.millisecondsPerStep, 0)
  }

  /// A run whose pace cannot finish within its time limit throws where it stopped, after the share it is judged at.
  func testARunTooSlowForItsTimeLimitThrowsTheStop() throws {
    var settings = tinySettings(.bfs)
    settings.steps = 1_000_000
    let trainer = CLRSTrainer(settings: settings, timeLimit: TrainingTimeLimit(seconds: 20, judgedAfter: 0.01))
    let network = try trainer.makeNetwork { h, f, _, seed in
      NativeTripletMessages(hidden: h, tripletFeatures: f, seed: seed)
    }
    var data = CLRSData(settings.data, seed: settings.seed)
    XCTAssertThrowsError(try trainer.train(network, data: &data)) { error in
      guard let stop = error as? TrainingTimeLimit.Stop else { return XCTFail("\(error)") }
      XCTAssertGreaterThanOrEqual(stop.seconds, 0.2)
      XCTAssertGreaterThan(stop.projectedSeconds, 20)
      XCTAssertTrue(stop.reason.hasSuffix("past the worker's limit of 20 s"), stop.reason)
    }
  }

  func testLossFallsOnAFixedBatch() throws {
    let settings = tinySettings(.articulationPoints)
    let trainer = CLRSTrainer(settings: settings)
    let network = try trainer.makeNetwork { h, f, _, seed in
      NativeTripletMessages(hidden: h, tripletFeatures: f, seed: seed)
    }
    var data = CLRSData(settings.data, seed: 1)
    let batch = data.train.next()
    let optimizer = Adam(network.parameters, learningRate: 1e-2)
    var noise = RandomSource(seed: 0)
    var losses: [Float] = []
    for _ in 0..<25 {
      let loss = try network.loss(on: batch, using: &noise)
      optimizer.zeroGrad()
      loss.backward()
      optimizer.step()
      losses.append(loss.item)
    }
    XCTAssertLessThan(losses.last!, 0.7 * losses.first!, "\(losses)")
  }

  func testPresets() {
    let paper = CLRSTrainingSettings.preset(.paper, algorithm: .articulationPoints)
    XCTAssertEqual(paper.hidden, 128)
    XCTAssertEqual(paper.tripletFeatures, 8)
    XCTAssertEqual(paper.data.batchSize, 32)
    XCTAssertEqual(paper.data.trainSizes, [4, 7, 11, 13, 16])
    XCTAssertEqual(paper.data.validationSize, 16)
    XCTAssertEqual(paper.data.testSize, 64)
    XCTAssertEqual(paper.steps, 10_000)
    let proxy = CLRSTrainingSettings.preset(.proxy, algorithm: .grahamScan)
    XCTAssertEqual(proxy.data.validationSize, proxy.data.trainSizes.max())
    XCTAssertLessThan(proxy.hidden, paper.hidden)
  }
}
