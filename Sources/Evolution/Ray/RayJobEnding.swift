import Foundation
import Sessions

/// How a finished Ray job of a candidate ended, read from Ray's status and the worker's lines in the job's logs.
///
/// The worker's own last word decides first: a result is a result and an error is the candidate's failure, as
/// with a local worker. Without one, Ray's error type tells a job that the cluster lost (its node or supervisor
/// died, someone stopped it) from an entrypoint that ran and failed (the candidate's or the node's setup's fault).
public enum RayJobEnding: Sendable, Equatable {
  /// The worker printed its result.
  case finished(TrainingFinished)
  /// The candidate failed; retrying would fail again.
  case failed(reason: String)
  /// The cluster lost the job before the worker finished; a new submission may well succeed.
  case lost(reason: String)

  /// Classifies a job in a terminal status from its details and its logs.
  public static func classify(_ details: RayJobDetails, logs: String) -> RayJobEnding {
    let lines = WorkerLines(logs)
    if let result = lines.result { return .finished(result) }
    if let error = lines.error { return .failed(reason: error) }
    let output = lines.tail.isEmpty ? "" : ": \(lines.tail)"
    switch details.status {
    case .succeeded:
      return .failed(reason: "the worker ended without a result\(output)")
    case .stopped:
      return .lost(reason: "the job was stopped before the worker finished")
    case .pending, .running:
      return .lost(reason: "the job has not ended")
    case .failed:
      return classifyFailure(details, output: output)
    }
  }

  private static func classifyFailure(_ details: RayJobDetails, output: String) -> RayJobEnding {
    let message = (details.message ?? "").split(whereSeparator: \.isNewline).first.map(String.init) ?? "no message"
    switch details.errorType {
    case "JOB_ENTRYPOINT_COMMAND_ERROR":
      return .failed(reason: entrypointFailure(exitCode: details.driverExitCode, message: message) + output)
    case "JOB_ENTRYPOINT_COMMAND_START_ERROR", "RUNTIME_ENV_SETUP_FAILURE", "JOB_SUPERVISOR_ACTOR_UNSCHEDULABLE":
      // The node's setup or the cluster's resources: the same submission would fail the same way.
      return .failed(reason: "Ray could not run the job: \(message)")
    case "JOB_SUPERVISOR_ACTOR_DIED", "JOB_SUPERVISOR_ACTOR_UNKNOWN_FAILURE", "JOB_SUPERVISOR_ACTOR_START_FAILURE",
      "JOB_SUPERVISOR_ACTOR_START_TIMEOUT":
      return .lost(reason: "Ray lost the job (its node or supervisor died?): \(message)")
    default:
      // Ray before 2.9 gave no error type: an exit status in the message means the entrypoint ran and failed.
      if message.contains("exit code") {
        return .failed(reason: entrypointFailure(exitCode: details.driverExitCode, message: message) + output)
      }
      return .lost(reason: "Ray lost the job: \(message)")
    }
  }

  /// Words for an entrypoint that ended with a failure status (the shell's, so 128 + n for signal n).
  private static func entrypointFailure(exitCode: Int?, message: String) -> String {
    guard let code = exitCode else { return "the worker failed: \(message)" }
    if code == 127 { return "the Ray node cannot find the worker command (exit status 127)" }
    let signal = code < 0 ? -code : code > 128 ? code - 128 : nil
    if let signal {
      let hint = signal == 9 ? " (killed; out of memory?)" : signal == 4 || signal == 5 ? " (a runtime trap)" : ""
      return "the worker died of signal \(signal)\(hint)"
    }
    return "the worker exited with status \(code)"
  }
}

/// The worker's JSON lines in a job's logs, and the last few lines of anything else it (or the shell) wrote.
struct WorkerLines {
  var progress: [TrainingProgress] = []
  var result: TrainingFinished?
  var error: String?
  /// The last lines that are not worker messages nor Ray's own bookkeeping, joined with ` | `.
  var tail: String

  init(_ logs: String) {
    var other: [Substring] = []
    for line in logs.split(whereSeparator: \.isNewline) {
      switch WorkerMessage.parse(String(line)) {
      case .progress(let point): progress.append(point)
      case .result(let finished): result = finished
      case .error(let message): error = message
      case nil: if !Self.isRayBookkeeping(line) { other.append(line) }
      }
    }
    tail = other.suffix(3).map { $0.count > 300 ? String($0.prefix(300)) + "…" : String($0) }.joined(separator: " | ")
  }

  /// Ray's own lines in a job's log: `Running entrypoint for job …` and its timestamped INFO lines.
  private static func isRayBookkeeping(_ line: Substring) -> Bool {
    if line.hasPrefix("Running entrypoint for job ") { return true }
    // `2026-12-06 03:19:53,704\tINFO job_manager.py:581 -- Runtime env is setting up.`
    guard line.count > 24, line.first?.isNumber == true else { return false }
    return line.contains("\tINFO ") || line.contains("\tWARNING ") || line.contains("\tDEBUG ")
  }
}
