import Foundation
import MemberwiseInit

/// How the Ray executor submits and follows candidate jobs.
@MemberwiseInit
public struct RayExecutorConfiguration: Sendable, Equatable {
  /// The command that runs `evoprompting` on a node: `evoprompting` on the nodes' `PATH`, a shared path such as
  /// `/shared/bin/evoprompting`, or a wrapper (`apptainer exec evo.sif evoprompting`). `worker …` is appended.
  public var workerCommand: String = "evoprompting"
  /// CPUs reserved per candidate job (`entrypoint_num_cpus`): a worker trains on one thread.
  public var numCpus: Double = 1
  /// GPUs reserved per candidate job (`entrypoint_num_gpus`), for trainers that use one; nil reserves none.
  public var numGpus: Double?
  /// Memory reserved per candidate job, in bytes (`entrypoint_memory`, a scheduling resource); nil reserves none.
  public var memoryBytes: Int?
  /// How often a job's status is read: from `initialPollSeconds`, growing by `pollGrowth` up to `maxPollSeconds`.
  public var initialPollSeconds: Double = 0.25
  public var maxPollSeconds: Double = 2
  public var pollGrowth: Double = 1.5
  /// How often a running job's logs are read for progress lines.
  public var progressSeconds: Double = 5
  /// The pause before asking an unreachable head again: from `initialHeadRetrySeconds`, doubling, up to
  /// `maxHeadRetrySeconds`; the executor keeps asking until the head answers or the run is cancelled.
  public var initialHeadRetrySeconds: Double = 1
  public var maxHeadRetrySeconds: Double = 30
  /// New submissions after the cluster lost a job (node died, job stopped by someone else) before the candidate
  /// fails with the reason.
  public var lostJobRetries: Int = 1
  /// How long the probe job may take, queueing included.
  public var probeTimeoutSeconds: Double = 300
  /// A running job past its candidate's time limit plus this is stopped (the worker stops itself at the limit).
  public var timeoutGraceSeconds: Double = 30

  /// The entrypoint of a candidate job: the job itself travels in `EVOPROMPTING_JOB`, so nothing but the
  /// executable has to be on the node, and the worker enforces the candidate's time limit itself.
  var candidateEntrypoint: String {
    "\(workerCommand) worker --job-env \(EvaluationJob.environmentVariable) --enforce-timeout"
  }

  /// The entrypoint of the probe job.
  var probeEntrypoint: String { "\(workerCommand) worker --version" }

  /// The pause before poll number `count` (1-based) of one job's status.
  func pollDelay(after count: Int) -> Double {
    min(maxPollSeconds, initialPollSeconds * pow(pollGrowth, Double(max(0, count - 1))))
  }

  /// The pause after the `failures`-th failed request in a row to an unreachable head.
  func headRetryDelay(after failures: Int) -> Double {
    min(maxHeadRetrySeconds, initialHeadRetrySeconds * pow(2, Double(max(0, failures - 1))))
  }

  /// A submission of `entrypoint` with this configuration's resources.
  func submission(
    _ id: String, entrypoint: String, environment: [String: String] = [:], metadata: [String: String]
  ) -> RayJobSubmission {
    RayJobSubmission(
      entrypoint: entrypoint, submissionId: id, entrypointNumCpus: numCpus, entrypointNumGpus: numGpus,
      entrypointMemory: memoryBytes, environment: environment, metadata: metadata)
  }
}
