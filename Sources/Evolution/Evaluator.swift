import Sessions
import Tasks

/// Trains candidates and reports their metrics (worker processes in the product; a test double in tests).
public protocol Evaluator: Sendable {
  /// Trains `job.code`, calling `progress` with each curve point; never throws: failures are outcomes.
  func evaluate(_ job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void) async
    -> EvaluationOutcome
}

/// One training job: what a worker process receives on its standard input.
public struct EvaluationJob: Sendable, Equatable, Codable {
  public var id: String
  public var code: String
  public var task: String
  public var training: TrainingConfiguration
  /// Address-space limit of the worker, in megabytes.
  public var memoryMegabytes: Int
  public var timeoutSeconds: Int

  public init(
    id: String, code: String, task: String, training: TrainingConfiguration, memoryMegabytes: Int, timeoutSeconds: Int
  ) {
    self.id = id
    self.code = code
    self.task = task
    self.training = training
    self.memoryMegabytes = memoryMegabytes
    self.timeoutSeconds = timeoutSeconds
  }
}

/// How an evaluation ended.
public enum EvaluationOutcome: Sendable, Equatable {
  case finished(TrainingFinished)
  case failed(reason: String)
}
