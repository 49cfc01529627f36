import Foundation
import Sessions

/// Something the Ray executor did or saw that the researcher should see (headless line, TUI status) and the
/// session log should record: every submission, re-attachment, retry and outage of the head.
public enum RayExecutorNote: Sendable, Equatable, CustomStringConvertible {
  /// A job was submitted for a candidate.
  case submitted(candidate: String, submissionId: String)
  /// A job submitted before (by this run or one that crashed) was found and is followed instead of resubmitted.
  case reattached(candidate: String, submissionId: String, status: RayJobStatus)
  /// A queued job started running on a node.
  case started(candidate: String, submissionId: String)
  /// The cluster lost a job; the candidate is submitted again.
  case retrying(candidate: String, lostSubmissionId: String, reason: String)
  /// The executor stopped a job (the run was cancelled, or the job outran its time limit).
  case stopped(candidate: String, submissionId: String, reason: String)
  /// The head stopped answering; evaluations wait and ask again, the first time after `retryInSeconds`.
  case headUnreachable(address: String, reason: String, retryInSeconds: Double)
  /// The head answers again after an outage.
  case headReachable(address: String)

  public var description: String {
    switch self {
    case .submitted(let candidate, let id): "ray: \(candidate) submitted as \(id)"
    case .reattached(let candidate, let id, let status):
      "ray: \(candidate) re-attached to \(id) (\(status.rawValue.lowercased()))"
    case .started(let candidate, let id): "ray: \(candidate) running (\(id))"
    case .retrying(let candidate, let id, let reason): "ray: \(candidate) retried: \(id) was lost: \(reason)"
    case .stopped(let candidate, let id, let reason): "ray: \(candidate) stopped \(id): \(reason)"
    case .headUnreachable(let address, let reason, let retry):
      "ray: head \(address) unreachable (\(reason)); evaluations paused, retrying in \(Int(retry.rounded())) s"
    case .headReachable(let address): "ray: head \(address) answers again; evaluations resume"
    }
  }
}

extension RayExecutorNote {
  /// What the session log keeps of the note, for the executor `executor` (its summary); nil for notes the log
  /// tells otherwise (a job that starts shows in `training_progress`, one stopped ends in `training_failed`).
  public func sessionEvent(executor: String) -> SessionEvent? {
    switch self {
    case .submitted(let candidate, let id):
      .jobSubmitted(
        JobSubmission(
          id: candidate, attempt: RaySubmissionID.attempt(of: id) ?? 1, submissionId: id, executor: executor))
    case .reattached(let candidate, let id, let status):
      .jobReattached(
        JobSubmission(
          id: candidate, attempt: RaySubmissionID.attempt(of: id) ?? 1, submissionId: id, executor: executor,
          status: status.rawValue))
    case .retrying(let candidate, let id, let reason):
      .jobLost(JobLost(id: candidate, submissionId: id, executor: executor, reason: reason))
    case .headUnreachable(_, let reason, let retry):
      .executorUnreachable(ExecutorUnreachable(executor: executor, reason: reason, retryInSeconds: retry))
    case .headReachable: .executorReachable(executor: executor)
    case .started, .stopped: nil
    }
  }
}
