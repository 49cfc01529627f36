import Foundation

/// How the Ray executor submits and follows candidate jobs.
public struct RayExecutorConfiguration: Sendable, Equatable {
  /// The command that runs `evoprompting` on a node: `evoprompting` on the nodes' `PATH`, a shared path such as
  /// `/shared/bin/evoprompting`, or a wrapper (`apptainer exec evo.sif evoprompting`). `worker …` is appended.
  public var workerCommand: String
  /// CPUs reserved per candidate job (`entrypoint_num_cpus`): a worker trains on one thread.
  public var numCpus: Double
  /// GPUs reserved per candidate job (`entrypoint_num_gpus`), for trainers that use one; nil reserves none.
  public var numGpus: Double?
  /// Memory reserved per candidate job, in bytes (`entrypoint_memory`, a scheduling resource); nil reserves none.
  public var memoryBytes: Int?
  /// How often a job's status is read: from `initialPollSeconds`, growing by `pollGrowth` up to `maxPollSeconds`.
  public var initialPollSeconds: Double
  public var maxPollSeconds: Double
  public var pollGrowth: Double
  /// How often a running job's logs are read for progress lines.
  public var progressSeconds: Double
  /// The pause before asking an unreachable head again: from `initialHeadRetrySeconds`, doubling, up to
  /// `maxHeadRetrySeconds`; the executor keeps asking until the head answers or the run is cancelled.
  public var initialHeadRetrySeconds: Double
  public var maxHeadRetrySeconds: Double
  /// New submissions after the cluster lost a job (node died, job stopped by someone else) before the candidate
  /// fails with the reason.
  public var lostJobRetries: Int
  /// How long the probe job may take, queueing included.
  public var probeTimeoutSeconds: Double
  /// A running job past its candidate's time limit plus this is stopped (the worker stops itself at the limit).
  public var timeoutGraceSeconds: Double

  public init(
    workerCommand: String = "evoprompting", numCpus: Double = 1, numGpus: Double? = nil, memoryBytes: Int? = nil,
    initialPollSeconds: Double = 0.25, maxPollSeconds: Double = 2, pollGrowth: Double = 1.5,
    progressSeconds: Double = 5, initialHeadRetrySeconds: Double = 1, maxHeadRetrySeconds: Double = 30,
    lostJobRetries: Int = 1, probeTimeoutSeconds: Double = 300, timeoutGraceSeconds: Double = 30
  ) {
    self.workerCommand = workerCommand
    self.numCpus = numCpus
    self.numGpus = numGpus
    self.memoryBytes = memoryBytes
    self.initialPollSeconds = initialPollSeconds
    self.maxPollSeconds = maxPollSeconds
    self.pollGrowth = pollGrowth
    self.progressSeconds = progressSeconds
    self.initialHeadRetrySeconds = initialHeadRetrySeconds
    self.maxHeadRetrySeconds = maxHeadRetrySeconds
    self.lostJobRetries = lostJobRetries
    self.probeTimeoutSeconds = probeTimeoutSeconds
    self.timeoutGraceSeconds = timeoutGraceSeconds
  }

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
