import EvoTensor
import Tasks
import XCTest

/// A run that cannot finish within its time limit stops once its pace shows it, not at the limit.
final class TrainingTimeLimitTests: XCTestCase {
  func testThePaceIsJudgedOnlyAfterTheWarmUpShare() {
    let limit = TrainingTimeLimit(seconds: 600)
    // 1 s a step for 1,500 steps is 1,500 s: past the limit, but only judged after 5% of it (30 s).
    XCTAssertNil(limit.projectedOverrun(stepsDone: 29, of: 1500, elapsed: 29))
    XCTAssertEqual(limit.projectedOverrun(stepsDone: 30, of: 1500, elapsed: 30), 1500)
    // A run that can finish in time goes on, however early or late it is asked.
    XCTAssertNil(limit.projectedOverrun(stepsDone: 100, of: 1500, elapsed: 30))
    XCTAssertNil(limit.projectedOverrun(stepsDone: 1400, of: 1500, elapsed: 550))
    XCTAssertNil(limit.projectedOverrun(stepsDone: 0, of: 1500, elapsed: 100))
  }

  func testTheClassifierTrainerStopsAndDoesNotScoreTheRun() throws {
    let splits = MNIST1D.generate(seed: 1).splits()
    var generator = RandomSource(seed: 3)
    let model = MNIST1DReferenceModels.make("mnist1d-mlp", using: &generator)!
    let trainer = ClassifierTrainer(
      configuration: TrainingConfiguration(steps: 1_000_000, batchSize: 64, seed: 1, evaluationInterval: 2),
      timeLimit: TrainingTimeLimit(seconds: 10, judgedAfter: 0.01))
    let report = trainer.train(model, train: splits.train, validation: splits.validation, test: splits.test)
    let stop = try XCTUnwrap(report.timeLimitStop)
    // Judged after 1% of 10 s, at the pace of milliseconds a step: far past the limit.
    XCTAssertGreaterThanOrEqual(stop.seconds, 0.1)
    XCTAssertGreaterThan(stop.projectedSeconds, 10)
    XCTAssertEqual(report.curve.last?.step, stop.step - stop.step % 2)
    XCTAssertNil(report.testAccuracy)
    XCTAssertTrue(stop.reason.hasPrefix("too slow to train in time: after 0 s and \(stop.step) steps, "), stop.reason)
    XCTAssertTrue(stop.reason.hasSuffix("past the worker's limit of 10 s"), stop.reason)
  }
}
