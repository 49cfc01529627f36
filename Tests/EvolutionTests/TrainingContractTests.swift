import ArchLang
import Evolution
import Sessions
import Tasks
import XCTest

/// `train` and a search's workers hold a program to the same output contract as `check`: every way a program
/// can return something a trainer cannot use ends in a sentence, never in a trap of the trainer.
final class TrainingContractTests: XCTestCase {
  /// A small random task shaped like MNIST-1D (the contract does not care about the data).
  static let splits: DatasetSplits = {
    func examples(_ count: Int) -> LabeledExamples {
      LabeledExamples(
        featureCount: 40, inputs: (0..<count * 40).map { Float(($0 * 7919) % 113) / 113 - 0.5 },
        labels: (0..<count).map { Int32($0 % 10) })
    }
    return DatasetSplits(train: examples(64), validation: examples(32), test: examples(32))
  }()

  static func program(forward: String, layers: String = "self.fc = nn.Linear(40, 10)") -> String {
    """
    import torch
    import torch.nn as nn

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            \(layers)

        def forward(self, x):
            return \(forward)
    """
  }

  func train(_ code: String) -> Result<(TrainingFinished, TrainingReport), TrainingFailure> {
    let job = EvaluationJob(
      id: "c1", code: code, task: "mnist1d",
      training: TrainingConfiguration(steps: 6, batchSize: 16, evaluationInterval: 3), memoryMegabytes: 0,
      timeoutSeconds: 0)
    return ProgramTraining.run(job, splits: Self.splits, task: .mnist1d)
  }

  func testContractViolationsAreSentencesInTrainAsInCheck() {
    let violations = [
      (Self.program(forward: "x[:, :10]"), "does not depend on any of its 410 trainable parameters"),
      (Self.program(forward: "self.fc(x).detach()"), "does not depend on any of its 410 trainable parameters"),
      (Self.program(forward: "x[:, :10] * 2", layers: "pass"), "no trainable parameters"),
      (Self.program(forward: "x"), "but it returned [4, 40]"),
      (Self.program(forward: "self.fc(x)[:, :5]"), "but it returned [4, 5]"),
      (Self.program(forward: "self.fc(x).unsqueeze(1)"), "but it returned [4, 1, 10]"),
      (Self.program(forward: "self.fc(x).sum(1)"), "but it returned [4]"),
    ]
    let check = CandidateCheck(exampleShape: [40], classCount: 10)
    for (code, sentence) in violations {
      guard case .failure(let failure) = train(code) else {
        XCTFail("trained: \(code)")
        continue
      }
      XCTAssertTrue(failure.description.contains(sentence), failure.description)
      XCTAssertTrue(failure.description.hasPrefix("4:1: "), "the failure says where: \(failure.description)")
      // One contract: check rejects with the same sentence.
      let checked = check.run(code).error
      XCTAssertEqual(checked.map { "\($0.location.line):\($0.location.column): \($0.message)" }, failure.description)
    }
  }

  func testAnOutputThatBreaksTheContractOnlyWhileTrainingIsASentence() {
    // Four rows pass the example pass (batch 4); training batches have 16.
    guard case .failure(let failure) = train(Self.program(forward: "self.fc(x)[:4]")) else {
      return XCTFail("a [4, 10] output for a batch of 16 trained")
    }
    XCTAssertTrue(failure.description.contains("must map [16, 40] inputs to [16, 10] logits"), failure.description)
  }

  func testAValidProgramStillTrains() throws {
    guard case .success(let (finished, report)) = train(Self.program(forward: "self.fc(x)")) else {
      return XCTFail("a plain linear model did not train")
    }
    XCTAssertEqual(finished.params, 410)
    XCTAssertEqual(report.curve.count, 2)
  }
}
