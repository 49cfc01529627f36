import Foundation
import MemberwiseInit
import Sessions

/// Trains each candidate in its own `evoprompting worker` process on this machine, so a candidate that crashes,
/// runs out of memory or hangs costs only itself: the job goes in on standard input, progress and the result come
/// back as JSON lines (`WorkerTranscript`), and a worker past its time limit is killed. How the worker ended is
/// classified by `WorkerEnding`, as for any executor.
@MemberwiseInit
public struct LocalExecutor: Executor {
  /// The `evoprompting` executable (this program itself in the product).
  public var executable: String
  /// Arguments that select worker mode.
  public var arguments: [String] = ["worker"]

  public func evaluate(_ job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void) async
    -> EvaluationOutcome
  {
    let input: Data
    do { input = try job.workerInput() } catch { return .failed(reason: "cannot encode the training job: \(error)") }
    let transcript = Shared(WorkerTranscript())
    let process = ChildProcess(executable: executable, arguments: arguments)
    let ended = await process.run(input: input, timeoutSeconds: job.timeoutSeconds) { line in
      if let point = transcript.withLock({ $0.read(line) }) { progress(point) }
    }
    switch ended {
    case .failure(let failure):
      return .failed(reason: "cannot start the worker: \(failure)")
    case .success(let ended):
      return WorkerEnding(
        exit: ended.exit, transcript: transcript.withLock { $0 }, standardErrorHead: ended.errorHead,
        standardErrorTail: ended.errorTail
      ).outcome
    }
  }
}
