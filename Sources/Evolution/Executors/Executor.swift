import MemberwiseInit
import Sessions
import Tasks

/// Where candidates train: the search hands an executor one `EvaluationJob` at a time and records the progress and
/// the outcome it reports. `LocalExecutor` runs each job in a worker process on this machine; a cluster executor
/// (Ray jobs) ships the same job to `evoprompting worker` elsewhere and reads back the same lines
/// (`WorkerMessage`), classified the same way (`WorkerEnding`).
public protocol Executor: Sendable {
  /// Trains `job.code`, calling `progress` with each curve point; never throws: failures are outcomes.
  func evaluate(_ job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void) async
    -> EvaluationOutcome
}

/// The executors a search can use (`--executor`).
public enum ExecutorKind: String, SettingValue, CaseIterable {
  /// Worker processes on this machine, `jobs` at a time.
  case local
  /// Ray jobs on a cluster, through its head's Jobs REST API (`--ray-address`).
  case ray
}

/// One training job: what a worker receives on its standard input, whichever executor started it.
@MemberwiseInit
public struct EvaluationJob: Sendable, Equatable, Codable {
  public var id: String
  public var code: String
  public var task: String
  public var training: TrainingConfiguration
  /// Address-space limit of the worker, in megabytes.
  public var memoryMegabytes: Int
  public var timeoutSeconds: Int
  /// The network a CLRS child trains in (`clrs_network`); nil for MNIST-1D (and read as `paper`).
  public var clrsNetwork: CLRSTrainingPreset?
  /// Which of a candidate's evaluations this is when it has more than one: `screen` for the short run of novelty
  /// lever (c); nil for the full evaluation. Executors that name jobs (Ray) give each stage a name of its own.
  public var stage: String?
}

extension EvaluationJob {
  /// The job's time limit, held to its training run's pace (none when the job has no limit, as `train`'s): the worker
  /// stops a child whose pace cannot finish within it, long before the limit kills the worker.
  public var trainingTimeLimit: TrainingTimeLimit? {
    timeoutSeconds > 0 ? TrainingTimeLimit(seconds: Double(timeoutSeconds)) : nil
  }
}

/// How an evaluation ended.
public enum EvaluationOutcome: Sendable, Equatable {
  case finished(TrainingFinished)
  case failed(reason: String)
}
