import Foundation
import MemberwiseInit

/// A job an executor gave a cluster for one candidate (`job_submitted`), or one it found there from before and
/// follows instead of submitting again (`job_reattached`, after a resume).
@MemberwiseInit
public struct JobSubmission: Sendable, Equatable, Codable {
  /// The candidate the job trains.
  public var id: String
  /// 1 for the candidate's first job, 2 for the one that replaces a job the cluster lost, …
  public var attempt: Int
  /// The cluster's name of the job (Ray: the submission id, `GET /api/jobs/{submission_id}`).
  public var submissionId: String
  /// The executor and its cluster, e.g. `ray http://127.0.0.1:8265`.
  public var executor: String
  /// The job's status when it was found (`job_reattached` only), e.g. `RUNNING` or `SUCCEEDED`.
  public var status: String?
}

/// A job the cluster lost (its node died, or someone stopped it); the candidate is submitted again.
@MemberwiseInit
public struct JobLost: Sendable, Equatable, Codable {
  public var id: String
  public var submissionId: String
  public var executor: String
  public var reason: String
}

/// The executor's cluster stopped answering: evaluations wait and ask again with backoff, until
/// `executor_reachable`.
@MemberwiseInit
public struct ExecutorUnreachable: Sendable, Equatable, Codable {
  public var executor: String
  public var reason: String
  /// The wait before the first new try.
  public var retryInSeconds: Double
}
