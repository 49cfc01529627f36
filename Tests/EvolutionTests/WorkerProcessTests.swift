import Evolution
import Foundation
import Sessions
import Tasks
import XCTest

/// The worker-process evaluator with the real binary: results, runtime failures and time limits.
final class WorkerProcessTests: XCTestCase {
  var binary: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("evoprompting")
      .path
  }

  func job(_ code: String, steps: Int, timeout: Int = 60) -> EvaluationJob {
    EvaluationJob(
      id: "c1", code: code, task: "mnist1d",
      training: TrainingConfiguration(steps: steps, batchSize: 64, learningRate: 0.01, seed: 0, evaluationInterval: 50),
      memoryMegabytes: 2048, timeoutSeconds: timeout)
  }

  static let mlp = """
    import torch.nn as nn
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = nn.Sequential(nn.Linear(40, 32), nn.ReLU(), nn.Linear(32, 10))
        def forward(self, x):
            return self.net(x)
    """

  func testResultsProgressAndFailures() async throws {
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      throw XCTSkip("build the evoprompting binary first")
    }
    let evaluator = WorkerProcessEvaluator(executable: binary)
    let progress = ProgressLog()
    let outcome = await evaluator.evaluate(job(Self.mlp, steps: 100)) { progress.append($0) }
    guard case .finished(let result) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(result.params, 40 * 32 + 32 + 32 * 10 + 10)
    XCTAssertGreaterThan(result.validationAccuracy, 0.2)
    XCTAssertEqual(progress.steps, [50, 100])

    // A forward pass that fails at run time (shape mismatch only on the real batch size) is a failure with a reason.
    let broken = Self.mlp.replacingOccurrences(of: "return self.net(x)", with: "return self.net(x.view(16, -1))")
    let failed = await evaluator.evaluate(job(broken, steps: 100)) { _ in }
    guard case .failed(let reason) = failed else { return XCTFail("\(failed)") }
    XCTAssertFalse(reason.isEmpty)

    // A worker past its wall-time limit is killed.
    let slow = await evaluator.evaluate(job(Self.mlp, steps: 5_000_000, timeout: 1)) { _ in }
    XCTAssertEqual(slow, .failed(reason: "timed out after 1 s"))
  }
}

/// Progress points collected from another thread.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var points: [TrainingProgress] = []
  func append(_ point: TrainingProgress) { lock.withLock { points.append(point) } }
  var steps: [Int] { lock.withLock { points.map(\.step) } }
}

extension WorkerProcessTests {
  func testAMissingWorkerExecutableIsAFailureWithItsPath() async {
    let evaluator = WorkerProcessEvaluator(executable: "/nonexistent/evoprompting")
    let outcome = await evaluator.evaluate(job(Self.mlp, steps: 10)) { _ in }
    guard case .failed(let reason) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertTrue(reason.contains("/nonexistent/evoprompting"), reason)
  }
}
