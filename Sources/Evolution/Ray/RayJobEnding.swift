import Foundation
import Sessions

/// How a finished Ray job of a candidate ended, read from Ray's status and the worker's lines in the job's logs.
///
/// The worker's own last word decides first: a result is a result and an error is the candidate's failure, as
/// with a local worker (`WorkerEnding` words both alike). Without one, Ray's error type tells a job that the
/// cluster lost (its node or supervisor died, someone stopped it) from an entrypoint that ran and failed (the
/// candidate's or the node's setup's fault).
public enum RayJobEnding: Sendable, Equatable {
  /// The worker printed its result.
  case finished(TrainingFinished)
  /// The candidate failed; retrying would fail again.
  case failed(reason: String)
  /// The cluster lost the job before the worker finished; a new submission may well succeed.
  case lost(reason: String)

  /// Classifies a job in a terminal status from its details and its logs.
  public static func classify(_ details: RayJobDetails, logs: String) -> RayJobEnding {
    let log = RayJobLog(logs)
    if let result = log.transcript.result { return .finished(result) }
    if let error = log.transcript.reportedError { return .failed(reason: error) }
    switch details.status {
    case .succeeded:
      return workerEnded(.exited(status: 0), log)
    case .stopped:
      return .lost(reason: "the job was stopped before the worker finished")
    case .pending, .running:
      return .lost(reason: "the job has not ended")
    case .failed:
      return classifyFailure(details, log)
    }
  }

  private static func classifyFailure(_ details: RayJobDetails, _ log: RayJobLog) -> RayJobEnding {
    let message = (details.message ?? "").split(whereSeparator: \.isNewline).first.map(String.init) ?? "no message"
    switch details.errorType {
    case "JOB_ENTRYPOINT_COMMAND_ERROR":
      return entrypointFailed(exitCode: details.driverExitCode ?? exitCode(in: message), log)
    case "JOB_ENTRYPOINT_COMMAND_START_ERROR", "RUNTIME_ENV_SETUP_FAILURE", "JOB_SUPERVISOR_ACTOR_UNSCHEDULABLE":
      // The node's setup or the cluster's resources: the same submission would fail the same way.
      return .failed(reason: "Ray could not run the job: \(message)")
    case "JOB_SUPERVISOR_ACTOR_DIED", "JOB_SUPERVISOR_ACTOR_UNKNOWN_FAILURE", "JOB_SUPERVISOR_ACTOR_START_FAILURE",
      "JOB_SUPERVISOR_ACTOR_START_TIMEOUT":
      return .lost(reason: "Ray lost the job (its node or supervisor died?): \(message)")
    default:
      // Ray before 2.9 gave no error type: an exit status in the message means the entrypoint ran and failed.
      if let code = details.driverExitCode ?? exitCode(in: message) { return entrypointFailed(exitCode: code, log) }
      return .lost(reason: "Ray lost the job: \(message)")
    }
  }

  /// The status in Ray's `Job entrypoint command failed with exit code 2, …`.
  private static func exitCode(in message: String) -> Int? {
    guard let range = message.range(of: "exit code ") else { return nil }
    return Int(message[range.upperBound...].prefix { $0 == "-" || $0.isNumber })
  }

  /// An entrypoint that ended with a failure status: the shell's, so 128 + n for signal n (Ray gives -n when the
  /// shell itself was killed).
  private static func entrypointFailed(exitCode: Int?, _ log: RayJobLog) -> RayJobEnding {
    guard let code = exitCode else { return workerEnded(.exited(status: 1), log) }
    if code == 127 {
      let output = log.transcript.unparsedLines.suffix(3).joined(separator: " | ")
      return .failed(
        reason: "the Ray node cannot find the worker command (exit status 127)" + (output.isEmpty ? "" : ": \(output)"))
    }
    if code < 0 { return workerEnded(.killedBySignal(Int32(-code)), log) }
    if code > 128 { return workerEnded(.killedBySignal(Int32(code - 128)), log) }
    return workerEnded(.exited(status: Int32(code)), log)
  }

  /// A worker that ended without a result, worded as for a local worker.
  private static func workerEnded(_ exit: WorkerEnding.Exit, _ log: RayJobLog) -> RayJobEnding {
    switch WorkerEnding(exit: exit, transcript: log.transcript).outcome {
    case .finished(let result): .finished(result)
    case .failed(let reason): .failed(reason: reason)
    }
  }
}

/// A Ray job's logs read as a worker's transcript (the entrypoint's standard output and error, merged), without
/// the lines Ray adds itself.
struct RayJobLog {
  var transcript = WorkerTranscript()
  var progress: [TrainingProgress] = []

  init(_ logs: String) {
    for line in logs.split(whereSeparator: \.isNewline) where !Self.isRayBookkeeping(line) {
      if let point = transcript.read(String(line)) { progress.append(point) }
    }
  }

  /// Ray's own lines in a job's log: `Running entrypoint for job …` and its timestamped INFO lines.
  private static func isRayBookkeeping(_ line: Substring) -> Bool {
    if line.hasPrefix("Running entrypoint for job ") { return true }
    // `2026-12-06 03:19:53,704\tINFO job_manager.py:581 -- Runtime env is setting up.`
    guard line.count > 24, line.first?.isNumber == true else { return false }
    return line.contains("\tINFO ") || line.contains("\tWARNING ") || line.contains("\tDEBUG ")
  }
}
