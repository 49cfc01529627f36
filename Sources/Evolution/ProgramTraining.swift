import ArchLang
import EvoTensor
import Foundation
import Sessions
import Tasks

/// Trains a candidate program on its task: what a worker process does with one `EvaluationJob`.
public enum ProgramTraining {
  /// MNIST-1D's description and data splits (3,500 train / 500 validation / 1,000 test for MNIST-1D, or another
  /// validation hold-out; 0 trains on every training example).
  public static func data(for task: String, dataDirectory: String? = nil, validationCount: Int? = nil) throws
    -> (TaskDescription, DatasetSplits)
  {
    guard task == "mnist1d" else {
      throw TrainingFailure("'\(task)' has no MNIST-1D data; tasks are: \(TaskName.allNames.joined(separator: ", "))")
    }
    let dataset = try dataDirectory.map { try MNIST1D.load(directory: $0) } ?? MNIST1D.generate()
    if let validationCount, validationCount < 0 || validationCount >= dataset.trainCount {
      throw TrainingFailure("the validation hold-out must be between 0 and \(dataset.trainCount - 1) examples")
    }
    return (dataset.task, dataset.splits(validationCount: validationCount))
  }

  /// Compiles and trains `job.code`, calling `progress` at each evaluation; the result carries the best
  /// validation accuracy and the test accuracy of that checkpoint.
  ///
  /// The program passes the same check as `check` and a search's checker before training (`CandidateCheck`:
  /// its output contract included), and every training pass is held to that contract, so whatever the program
  /// does ends in a result or a sentence, never in a trap of the trainer.
  public static func run(
    _ job: EvaluationJob, splits: DatasetSplits, task: TaskDescription, progress: (TrainingProgress) -> Void = { _ in }
  ) -> Result<(TrainingFinished, TrainingReport), TrainingFailure> {
    let check = CandidateCheck(exampleShape: task.inputShape, classCount: task.classCount, seed: job.training.seed)
    let (checked, model) = check.model(job.code)
    guard let compiled = model else {
      let error = checked.error ?? ArchLangError(.runtime, "the program could not be built", at: .start)
      return .failure(TrainingFailure("\(error.location.line):\(error.location.column): \(error.message)"))
    }
    compiled.enforce(check.contract)
    let trainer = ClassifierTrainer(configuration: job.training, timeLimit: job.trainingTimeLimit)
    let validation = splits.validation.count > 0 ? splits.validation : nil
    let report = trainer.train(compiled.module, train: splits.train, validation: validation, test: splits.test) {
      point in
      progress(
        TrainingProgress(
          id: job.id, step: point.step, steps: job.training.steps, trainLoss: point.trainLoss,
          validationAccuracy: point.validationAccuracy))
    }
    if let stop = report.timeLimitStop { return .failure(TrainingFailure(stop.reason)) }
    if let failure = compiled.failure {
      return .failure(TrainingFailure("\(failure.location.line):\(failure.location.column): \(failure.message)"))
    }
    guard report.finalTrainLoss.isFinite else {
      return .failure(TrainingFailure("training diverged (loss is \(report.finalTrainLoss))"))
    }
    let finished = TrainingFinished(
      id: job.id, params: report.parameterCount,
      validationAccuracy: report.bestValidationAccuracy ?? report.testAccuracy ?? 0,
      testAccuracy: report.testAccuracy ?? 0, seconds: report.seconds, millisecondsPerStep: report.millisecondsPerStep)
    return .success((finished, report))
  }
}

/// Why a candidate could not be trained.
public struct TrainingFailure: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
