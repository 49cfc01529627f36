import Foundation
import MemberwiseInit
import Sessions

/// What the search needs from an executor beyond `Executor.evaluate` once it is not a set of local processes: a
/// check before the first candidate, a word for the header, what is in flight, and a way to stop it all when the
/// run is cancelled.
///
/// The Ray executor's part of the executor protocol; it is meant to fold into `Executor` (with defaults that
/// fit `LocalExecutor`: nothing to prepare, its running workers, killing them) when `--executor ray` is wired.
public protocol ExecutorLifecycle: Executor {
  /// A few words for the header and the headless lines, e.g. `ray http://127.0.0.1:8265`.
  var summary: String { get }
  /// Checks that candidates can be trained for `task` (Ray: the head answers and its nodes run this build).
  func prepare(task: String) async throws
  /// The evaluations in flight: queued on the cluster, or running.
  func activity() -> ExecutorActivity
  /// Where to send what the session log keeps of the executor's work (each job submitted or re-attached, jobs
  /// the cluster lost, outages of the cluster) while the search trains; nil stops it. The events of one
  /// evaluation are sent before its `evaluate` returns. An executor serves one session, so one recorder at a time.
  func recordEvents(with recorder: (@Sendable (SessionEvent) -> Void)?)
  /// Stops every evaluation in flight because the run is being cancelled; their `evaluate` calls then return
  /// `.failed` with a reason that starts with `ExecutorActivity.cancelledReasonPrefix`, and nothing new starts.
  func stopAll() async
}

/// What an executor has in flight.
@MemberwiseInit
public struct ExecutorActivity: Sendable, Equatable {
  /// Submitted and waiting for resources (a Ray job that is `PENDING`).
  public var queued: Int = 0
  /// Training now.
  public var running: Int = 0
  /// Whether the executor is waiting for its cluster to answer again (the run is paused meanwhile).
  public var waitingForCluster: Bool = false

  /// How a cancelled evaluation's failure reason begins, so that the search can tell it from a failed candidate
  /// (a cancelled candidate is trained again on resume, not recorded as failed).
  public static let cancelledReasonPrefix = "cancelled"
}
