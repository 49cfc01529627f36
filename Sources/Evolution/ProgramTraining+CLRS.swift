import ArchLang
import CLRSPrograms
import EvoTensor
import Foundation
import Sessions
import Tasks

extension ProgramTraining {
  /// Trains `job` on whichever task it names: MNIST-1D (`dataDirectory` holds its arrays, else it is generated) or a
  /// CLRS algorithm. What a worker process does with one job.
  public static func evaluate(
    _ job: EvaluationJob, dataDirectory: String? = nil, progress: (TrainingProgress) -> Void = { _ in }
  ) -> Result<TrainingFinished, TrainingFailure> {
    guard let task = TaskName(settingText: job.task) else {
      return .failure(
        TrainingFailure("unknown task '\(job.task)'; tasks are: \(TaskName.allNames.joined(separator: ", "))"))
    }
    if let algorithm = task.clrsAlgorithm { return runCLRS(job, algorithm: algorithm, progress: progress) }
    do {
      let (description, splits) = try data(for: job.task, dataDirectory: dataDirectory)
      return run(job, splits: splits, task: description, progress: progress).map(\.0)
    } catch let failure as TrainingFailure {
      return .failure(failure)
    } catch {
      return .failure(TrainingFailure("\(error)"))
    }
  }

  /// The `clrs train` settings a CLRS child trains with: the job's network preset (`clrs_network`), with the
  /// search's steps, batch size, learning rate, validation interval and seed.
  public static func clrsSettings(for job: EvaluationJob, algorithm: CLRSAlgorithm) -> CLRSTrainingSettings {
    var settings = CLRSTrainingSettings.preset(job.clrsNetwork ?? .paper, algorithm: algorithm, seed: job.training.seed)
    settings.steps = job.training.steps
    settings.data.batchSize = job.training.batchSize
    settings.learningRate = job.training.learningRate
    settings.evaluationInterval = job.training.evaluationInterval
    return settings
  }

  /// Trains the triplet-message program `job.code` inside the Triplet-GMPNN for `algorithm`, as `clrs train` does:
  /// params are the whole network's, the validation score is the best one seen (its weights are kept) and the test
  /// score is theirs on the larger test graphs (out of distribution).
  static func runCLRS(
    _ job: EvaluationJob, algorithm: CLRSAlgorithm, progress: (TrainingProgress) -> Void
  ) -> Result<TrainingFinished, TrainingFailure> {
    let settings = clrsSettings(for: job, algorithm: algorithm)
    // Workers train side by side, one per core: no threads of their own.
    ParallelGEMM.threadCount = 1
    TensorBufferPool.enable()
    let largest = max(settings.data.testSize, settings.data.validationSize, settings.data.trainSizes.max() ?? 1)
    let limits = TripletProgram.limits(
      batchSize: max(settings.evaluationBatchSize, settings.data.batchSize), nodeCount: largest,
      hidden: settings.hidden, tripletFeatures: settings.tripletFeatures)
    let check = TripletProgramCheck(
      contract: CLRSTaskContract.contract(hidden: settings.hidden), seed: job.training.seed)
    if let error = check.run(job.code).error { return .failure(TrainingFailure(error.description)) }
    let report: CLRSTrainingReport
    do {
      report = try CLRSTrainer(settings: settings, timeLimit: job.trainingTimeLimit).train(
        tripletFactory: TripletProgram.factory(source: job.code) { _, _ in limits }
      ) { point in
        guard let score = point.validationScore else { return }
        progress(
          TrainingProgress(
            id: job.id, step: point.step + 1, steps: settings.steps, trainLoss: point.loss,
            validationAccuracy: Float(score)))
      }
    } catch let stop as TrainingTimeLimit.Stop {
      return .failure(TrainingFailure(stop.reason))
    } catch let error as ArchLangError {
      return .failure(TrainingFailure("\(error.location.line):\(error.location.column): \(error.message)"))
    } catch {
      return .failure(TrainingFailure("\(error)"))
    }
    guard report.curve.allSatisfy(\.loss.isFinite) else {
      return .failure(TrainingFailure("training diverged (the loss is not finite)"))
    }
    return .success(
      TrainingFinished(
        id: job.id, params: report.parameters, validationAccuracy: Float(report.validationScore),
        testAccuracy: Float(report.testScore), seconds: report.seconds,
        millisecondsPerStep: report.millisecondsPerStep))
  }
}

/// The shapes a CLRS triplet program is checked at before it trains: two graphs of five nodes at the network's
/// hidden size (what `check --task clrs:…`, the worker and constrained decoding hold it to).
public enum CLRSTaskContract {
  public static func contract(hidden: Int) -> CLRSTripletContract {
    CLRSTripletContract(batchSize: 2, nodeCount: 5, hidden: hidden, tripletFeatures: 8)
  }
}
