import Foundation
import Sessions
import TerminalUI

extension HeadlessPrinter {
  /// A cluster executor's recorded event as a line, worded as the live run's notes (`RayExecutorNote`). A live run
  /// prints the notes themselves (with the jobs in flight), so only `replay` prints these.
  static func executorLine(for event: SessionEvent) -> String? {
    switch event {
    case .jobSubmitted(let job):
      "\(label(job.executor)): \(job.id) submitted as \(job.submissionId)"
        + (job.attempt > 1 ? " (attempt \(job.attempt))" : "")
    case .jobReattached(let job):
      "\(label(job.executor)): \(job.id) re-attached to \(job.submissionId)"
        + (job.status.map { " (\($0.lowercased()))" } ?? "")
    case .jobLost(let lost):
      "\(label(lost.executor)): \(lost.id) retried: \(lost.submissionId) was lost: \(lost.reason)"
    case .executorUnreachable(let outage):
      "\(label(outage.executor)) unreachable (\(outage.reason)); evaluations paused, retrying in "
        + "\(Int(outage.retryInSeconds.rounded())) s"
    case .executorReachable(let executor):
      "\(label(executor)) answers again; evaluations resume"
    default:
      nil
    }
  }

  private static func label(_ executor: String) -> String { "  " + ExecutorLabel.withoutScheme(executor) }
}
