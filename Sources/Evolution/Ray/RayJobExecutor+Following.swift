import Foundation
import Sessions

extension RayJobExecutor {
  /// Polls the job `id` until it ends, passing on the worker's progress lines as they appear in its logs, then
  /// reads how it ended. A job still running past its candidate's time limit (plus a grace: the worker stops
  /// itself at the limit) is stopped.
  func follow(_ id: String, job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void)
    async throws -> RayJobEnding
  {
    var progressReporter = ProgressReporter(report: progress)
    var lastStatus: RayJobStatus?
    var polls = 0
    var runningSince: Date?
    var lastLogsRead = Date.distantPast
    var timedOut = false
    while true {
      if state.withLock({ $0.cancelling }) {
        // `stopAll` may have come between this job's tracking and its submission: stop it now, once it exists.
        await stop(id, candidate: job.id, reason: "the run was cancelled")
        return .lost(reason: "the run was cancelled")
      }
      guard let details = try await withHead({ try await self.client.job(id) }) else {
        // A head restarted without persistent storage forgets its jobs.
        return .lost(reason: "the head no longer knows the job \(id)")
      }
      if details.status != lastStatus {
        lastStatus = details.status
        polls = 0
        track(id, candidate: job.id, status: details.status)
        if details.status == .running { notify(.started(candidate: job.id, submissionId: id)) }
      }
      if details.status.isTerminal {
        let logs = try await withHead { try await self.client.logs(id) }
        progressReporter.pass(RayJobLog(logs).progress)
        if timedOut { return .failed(reason: "timed out after \(job.timeoutSeconds) s") }
        return RayJobEnding.classify(details, logs: logs)
      }
      if details.status == .running {
        let now = Date()
        let started = runningSince ?? now
        runningSince = started
        if !timedOut, now.timeIntervalSince(started) > Double(job.timeoutSeconds) + configuration.timeoutGraceSeconds {
          timedOut = true
          await stop(id, candidate: job.id, reason: "past its time limit of \(job.timeoutSeconds) s")
        }
        if now.timeIntervalSince(lastLogsRead) >= configuration.progressSeconds {
          lastLogsRead = now
          progressReporter.pass(RayJobLog(try await withHead { try await self.client.logs(id) }).progress)
        }
      }
      polls += 1
      try await Task.sleep(nanoseconds: UInt64(configuration.pollDelay(after: polls) * 1e9))
    }
  }
}

/// Passes on each progress point once, in order, although every read of a job's logs returns them all again.
struct ProgressReporter {
  let report: @Sendable (TrainingProgress) -> Void
  private var lastStep = Int.min

  init(report: @escaping @Sendable (TrainingProgress) -> Void) { self.report = report }

  mutating func pass(_ points: [TrainingProgress]) {
    for point in points where point.step > lastStep {
      lastStep = point.step
      report(point)
    }
  }
}
