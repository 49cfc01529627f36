import Foundation
import Sessions
import Synchronization

/// Trains each candidate as one job on a Ray cluster, through the head's Jobs REST API.
///
/// The job travels inside the request (`EVOPROMPTING_JOB` in the job's environment), the entrypoint runs
/// `evoprompting worker` on whichever node Ray picks, and the result is the worker's last JSON line in the job's
/// logs. Submission ids derive from the session and the candidate (`RaySubmissionID`), so a resumed session
/// finds the jobs it submitted before and follows them instead of submitting again. A job the cluster loses is
/// submitted again once; an unreachable head pauses the evaluations, which ask again with backoff.
public final class RayJobExecutor: ExecutorLifecycle {
  public let client: RayJobsClient
  public let configuration: RayExecutorConfiguration
  /// Who prints the notes (the headless lines), given at creation.
  let observer: @Sendable (RayExecutorNote) -> Void
  let state = Mutex(State())

  /// What is in flight, and what the executor itself stopped.
  struct State {
    var jobs: [String: TrackedJob] = [:]
    var stoppedByExecutor: Set<String> = []
    var cancelling = false
    var headDown = false
    /// The session's key once known (a new run's log, which the key hashes, is written after the executor is made).
    var session: RaySessionKey?
    /// Where the notes the session log keeps go while the search trains (`recordEvents(with:)`).
    var recorder: (@Sendable (SessionEvent) -> Void)?
  }

  struct TrackedJob {
    var candidate: String
    var status: RayJobStatus?
  }

  /// Submissions per candidate beyond which the executor gives up even on jobs lost before this run began.
  static let maximumAttempts = 16

  /// Where the session's key comes from when it was not given: the session folder, whose log must exist by the
  /// first evaluation.
  private let sessionDirectory: URL?

  public convenience init(
    client: RayJobsClient, session: RaySessionKey, configuration: RayExecutorConfiguration = .init(),
    notify: @escaping @Sendable (RayExecutorNote) -> Void = { _ in }
  ) {
    self.init(client: client, session: session, sessionDirectory: nil, configuration: configuration, notify: notify)
  }

  /// An executor for the session in `sessionDirectory`, which a new run creates after this: the key
  /// (`RaySessionKey.of`) is read from its log at the first evaluation.
  public convenience init(
    client: RayJobsClient, sessionDirectory: URL, configuration: RayExecutorConfiguration = .init(),
    notify: @escaping @Sendable (RayExecutorNote) -> Void = { _ in }
  ) {
    self.init(
      client: client, session: nil, sessionDirectory: sessionDirectory, configuration: configuration, notify: notify)
  }

  private init(
    client: RayJobsClient, session: RaySessionKey?, sessionDirectory: URL?, configuration: RayExecutorConfiguration,
    notify: @escaping @Sendable (RayExecutorNote) -> Void
  ) {
    self.client = client
    self.sessionDirectory = sessionDirectory
    self.configuration = configuration
    self.observer = notify
    state.withLock { $0.session = session }
  }

  /// The key of the session every submission id starts with.
  public func session() throws -> RaySessionKey {
    if let known = state.withLock({ $0.session }) { return known }
    guard let sessionDirectory else { preconditionFailure("an executor without a session") }
    let key = try RaySessionKey.of(sessionDirectory: sessionDirectory)
    state.withLock { $0.session = key }
    return key
  }

  /// The probe's submission id prefix: the session's key when its log exists, else the folder's name.
  var probePrefix: String {
    if let key = try? session() { return key.prefix }
    let name = sessionDirectory?.standardizedFileURL.lastPathComponent ?? "session"
    return "evoprompting-\(RaySessionKey.sanitize(name, limit: 32))"
  }

  public var summary: String { "ray \(client.address.absoluteString)" }

  public func recordEvents(with recorder: (@Sendable (SessionEvent) -> Void)?) {
    state.withLock { $0.recorder = recorder }
  }

  /// Tells the observer given at creation, and the session log what it keeps of `note`.
  func notify(_ note: RayExecutorNote) {
    observer(note)
    guard let recorder = state.withLock({ $0.recorder }), let event = note.sessionEvent(executor: summary) else {
      return
    }
    recorder(event)
  }

  public func activity() -> ExecutorActivity {
    state.withLock { state in
      let statuses = state.jobs.values.map(\.status)
      return ExecutorActivity(
        queued: statuses.filter { $0 == nil || $0 == .pending }.count,
        running: statuses.filter { $0 == .running }.count, waitingForCluster: state.headDown)
    }
  }

  public func evaluate(_ job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void) async
    -> EvaluationOutcome
  {
    var attempt = 1
    var retriesLeft = configuration.lostJobRetries
    let session: RaySessionKey
    do { session = try self.session() } catch { return .failed(reason: "the session's Ray key: \(error)") }
    while attempt <= Self.maximumAttempts {
      let id = RaySubmissionID(session: session, job: job, attempt: attempt).description
      if state.withLock({ $0.cancelling }) { return cancelled(id) }
      defer { state.withLock { _ = $0.jobs.removeValue(forKey: id) } }
      do {
        let live = try await attachOrSubmit(id, job: job)
        let ending = try await follow(id, job: job, progress: progress)
        if state.withLock({ $0.stoppedByExecutor.contains(id) && $0.cancelling }) { return cancelled(id) }
        switch ending {
        case .finished(let result): return .finished(result)
        case .failed(let reason): return .failed(reason: reason)
        case .lost(let reason):
          // A job lost before this run attached to it does not count against the retries: the run that
          // submitted it may have stopped it itself when it was cancelled.
          if live {
            if retriesLeft == 0 { return .failed(reason: "Ray lost the job twice: \(reason)") }
            retriesLeft -= 1
            notify(.retrying(candidate: job.id, lostSubmissionId: id, reason: reason))
          }
          attempt += 1
        }
      } catch is CancellationError {
        await stop(id, candidate: job.id, reason: "the run was cancelled")
        return cancelled(id)
      } catch {
        return .failed(reason: "\(error)")
      }
    }
    return .failed(reason: "\(Self.maximumAttempts) Ray jobs of this candidate were lost")
  }

  public func stopAll() async {
    let ids = state.withLock { state in
      state.cancelling = true
      return state.jobs.map { ($0.key, $0.value.candidate) }
    }
    await withTaskGroup(of: Void.self) { group in
      for (id, candidate) in ids {
        group.addTask { await self.stop(id, candidate: candidate, reason: "the run was cancelled") }
      }
    }
  }

  // MARK: - Submission

  /// Follows the job `id` if the head knows it, else submits it. Returns whether the job was (or may still be)
  /// running when found, so that its loss counts as this run's.
  private func attachOrSubmit(_ id: String, job: EvaluationJob) async throws -> Bool {
    if let existing = try await withHead({ try await self.client.job(id) }) {
      track(id, candidate: job.id, status: existing.status)
      notify(.reattached(candidate: job.id, submissionId: id, status: existing.status))
      return !existing.status.isTerminal
    }
    let submission = try candidateSubmission(id, job: job)
    track(id, candidate: job.id, status: nil)
    do {
      _ = try await withHead { try await self.client.submit(submission) }
      notify(.submitted(candidate: job.id, submissionId: id))
    } catch let error as RayJobsError where error.isDuplicateSubmission {
      // An earlier try reached the head although its reply did not reach us.
      notify(.reattached(candidate: job.id, submissionId: id, status: .pending))
    }
    return true
  }

  /// The request that trains `job` as the Ray job `id`.
  public func candidateSubmission(_ id: String, job: EvaluationJob) throws -> RayJobSubmission {
    configuration.submission(
      id, entrypoint: configuration.candidateEntrypoint,
      environment: [EvaluationJob.environmentVariable: try job.workerInputBase64()],
      metadata: [
        "evoprompting_session": try session().prefix, "candidate": job.id, "task": job.task,
        "evoprompting_version": WorkerIdentity.current.version,
      ])
  }

  func track(_ id: String, candidate: String, status: RayJobStatus?) {
    state.withLock { $0.jobs[id] = TrackedJob(candidate: candidate, status: status) }
  }

  /// Asks the head to stop `id` (also from a cancelled task: the request runs in a task of its own).
  func stop(_ id: String, candidate: String, reason: String) async {
    state.withLock { _ = $0.stoppedByExecutor.insert(id) }
    let client = self.client
    let stopped = await Task.detached { (try? await client.stop(id)) ?? false }.value
    if stopped { notify(.stopped(candidate: candidate, submissionId: id, reason: reason)) }
  }

  private func cancelled(_ id: String) -> EvaluationOutcome {
    .failed(reason: "\(ExecutorActivity.cancelledReasonPrefix): the run was cancelled (Ray job \(id) stopped)")
  }

  // MARK: - An unreachable head

  /// Runs one request, waiting out an unreachable or failing head with backoff until it answers; other errors
  /// and cancellation are thrown.
  func withHead<T: Sendable>(_ request: @Sendable () async throws -> T) async throws -> T {
    var failures = 0
    while true {
      do {
        let value = try await request()
        let recovered = state.withLock { state in
          defer { state.headDown = false }
          return state.headDown
        }
        if recovered { notify(.headReachable(address: client.address.absoluteString)) }
        return value
      } catch let error as RayJobsError where error.isTransient {
        failures += 1
        let delay = configuration.headRetryDelay(after: failures)
        let isNews = state.withLock { state in
          defer { state.headDown = true }
          return !state.headDown
        }
        if isNews {
          notify(
            .headUnreachable(address: client.address.absoluteString, reason: error.shortReason, retryInSeconds: delay))
        }
        try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
      }
    }
  }
}

extension RayJobsError {
  /// The failure without the head's address (notes name it already).
  var shortReason: String {
    switch self {
    case .unreachable(_, let detail): detail
    case .http(let status, _, _, _): "HTTP \(status)"
    case .malformedReply(_, _, let reason, _): reason
    }
  }
}
