import Evolution
import Foundation
import Sessions
import Tasks
import XCTest

/// The Ray executor's logic against a scripted head: results and progress from logs, re-attachment instead of
/// resubmission, one retry of a lost job, pauses while the head is unreachable, stops on cancel and at time
/// limits, and the probe of the nodes' worker.
final class RayJobExecutorTests: XCTestCase {
  static let session = RaySessionKey(name: "unit", identity: "{\"format\":1,\"created\":1}")
  static let fast = RayExecutorConfiguration(
    initialPollSeconds: 0.01, maxPollSeconds: 0.05, progressSeconds: 0, initialHeadRetrySeconds: 0.01,
    maxHeadRetrySeconds: 0.05, probeTimeoutSeconds: 5, timeoutGraceSeconds: 0.2)
  static let result = RayJobEndingTests.result

  func job(timeout: Int = 60) -> EvaluationJob {
    EvaluationJob(
      id: "c1", code: "import torch\n", task: "mnist1d", training: TrainingConfiguration(steps: 300),
      memoryMegabytes: 1024, timeoutSeconds: timeout)
  }

  func id(_ attempt: Int) -> String {
    RaySubmissionID(session: Self.session, candidate: "c1", attempt: attempt).description
  }

  static func progressLine(_ step: Int) -> String {
    WorkerMessage.progress(TrainingProgress(id: "c1", step: step, steps: 300, trainLoss: 1, validationAccuracy: 0.5))
      .jsonLine
  }

  /// Queued, running with one progress line, running with two, then succeeded with the result.
  static let succeeding: [RayFakeHead.Step] = [
    .init(status: .pending), .init(status: .running, logs: progressLine(100) + "\n"),
    .init(status: .running, logs: progressLine(100) + "\n" + progressLine(200) + "\n"),
    .init(
      status: .succeeded,
      logs: [progressLine(100), progressLine(200), progressLine(300), WorkerMessage.result(result).jsonLine]
        .joined(separator: "\n") + "\n"),
  ]

  static let supervisorDied = RayFakeHead.Step(
    status: .failed, errorType: "JOB_SUPERVISOR_ACTOR_DIED", message: "Job supervisor actor died: node lost")

  func executor(_ head: RayFakeHead, notes: NoteLog, configuration: RayExecutorConfiguration = fast) -> RayJobExecutor {
    RayJobExecutor(
      client: RayJobsClient(address: head.address, token: nil), session: Self.session, configuration: configuration,
      notify: { notes.append($0) })
  }

  func testAFinishedJobGivesItsProgressAndResult() async throws {
    let head = try RayFakeHead { _, _ in Self.succeeding }
    let notes = NoteLog()
    let progress = ProgressLog()
    let outcome = await executor(head, notes: notes).evaluate(job()) { progress.append($0) }
    XCTAssertEqual(outcome, .finished(Self.result))
    XCTAssertEqual(progress.steps, [100, 200, 300])
    XCTAssertEqual(head.submittedIds, [id(1)])
    XCTAssertEqual(
      notes.all, [.submitted(candidate: "c1", submissionId: id(1)), .started(candidate: "c1", submissionId: id(1))])
  }

  func testAResumedRunReattachesInsteadOfSubmittingAgain() async throws {
    let head = try RayFakeHead { _, _ in Self.succeeding }
    // What a run that crashed left behind: its job for c1, still running.
    head.preload(id(1), steps: Array(Self.succeeding.dropFirst()))
    let notes = NoteLog()
    let outcome = await executor(head, notes: notes).evaluate(job()) { _ in }
    XCTAssertEqual(outcome, .finished(Self.result))
    XCTAssertEqual(head.submittedIds, [], "no second submission")
    XCTAssertFalse(head.requestLog.contains("POST /api/jobs/"))
    XCTAssertEqual(notes.all.first, .reattached(candidate: "c1", submissionId: id(1), status: .running))

    // A job that finished while no run was watching is read, not trained again.
    let finished = try RayFakeHead { _, _ in Self.succeeding }
    finished.preload(id(1), steps: [Self.succeeding.last!])
    let again = await executor(finished, notes: NoteLog()).evaluate(job()) { _ in }
    XCTAssertEqual(again, .finished(Self.result))
    XCTAssertEqual(finished.submittedIds, [])
  }

  func testALostJobIsSubmittedAgainOnceThenTheCandidateFails() async throws {
    let head = try RayFakeHead { id, _ in
      id.hasSuffix("-1") ? [.init(status: .running), Self.supervisorDied] : Self.succeeding
    }
    let notes = NoteLog()
    let outcome = await executor(head, notes: notes).evaluate(job()) { _ in }
    XCTAssertEqual(outcome, .finished(Self.result))
    XCTAssertEqual(head.submittedIds, [id(1), id(2)])
    XCTAssertTrue(
      notes.all.contains(
        .retrying(
          candidate: "c1", lostSubmissionId: id(1),
          reason: "Ray lost the job (its node or supervisor died?): Job supervisor actor died: node lost")),
      "\(notes.all)")

    let unlucky = try RayFakeHead { _, _ in [.init(status: .running), Self.supervisorDied] }
    let failed = await executor(unlucky, notes: NoteLog()).evaluate(job()) { _ in }
    XCTAssertEqual(
      failed,
      .failed(
        reason: "Ray lost the job twice: Ray lost the job (its node or supervisor died?): Job supervisor actor died: "
          + "node lost"))
    XCTAssertEqual(unlucky.submittedIds, [id(1), id(2)])
  }

  func testAJobStoppedFromOutsideIsRetried() async throws {
    let head = try RayFakeHead { id, _ in
      id.hasSuffix("-1") ? Array(repeating: .init(status: .running), count: 1000) : Self.succeeding
    }
    let executor = executor(head, notes: NoteLog())
    let job = job()
    let evaluation = Task { await executor.evaluate(job) { _ in } }
    let first = id(1)
    try await RayWait.until { head.status(of: first) == .running }
    head.stopFromOutside(first)
    let outcome = await evaluation.value
    XCTAssertEqual(outcome, .finished(Self.result))
    XCTAssertEqual(head.submittedIds, [id(1), id(2)])
  }

  func testJobsLostBeforeThisRunDoNotUseUpTheRetry() async throws {
    let head = try RayFakeHead { id, _ in
      id.hasSuffix("-2") ? [.init(status: .running), Self.supervisorDied] : Self.succeeding
    }
    // Stopped when the previous run was cancelled.
    head.preload(id(1), steps: [.init(status: .stopped)])
    let outcome = await executor(head, notes: NoteLog()).evaluate(job()) { _ in }
    XCTAssertEqual(outcome, .finished(Self.result))
    XCTAssertEqual(head.submittedIds, [id(2), id(3)])
  }

  func testACandidateThatFailsIsNotRetried() async throws {
    let head = try RayFakeHead { _, _ in
      [
        .init(status: .running),
        .init(
          status: .failed, logs: WorkerMessage.error("3:5: unknown layer 'nn.Foo'").jsonLine + "\n",
          errorType: "JOB_ENTRYPOINT_COMMAND_ERROR", exitCode: 1),
      ]
    }
    let outcome = await executor(head, notes: NoteLog()).evaluate(job()) { _ in }
    XCTAssertEqual(outcome, .failed(reason: "3:5: unknown layer 'nn.Foo'"))
    XCTAssertEqual(head.submittedIds, [id(1)])
  }

  func testAnUnreachableHeadPausesTheEvaluationUntilItAnswers() async throws {
    let head = try RayFakeHead { _, _ in Self.succeeding }
    head.failNext(4)
    let notes = NoteLog()
    let outcome = await executor(head, notes: notes).evaluate(job()) { _ in }
    XCTAssertEqual(outcome, .finished(Self.result))
    let address = head.address.absoluteString
    XCTAssertEqual(
      Array(notes.all.prefix(2)),
      [
        .headUnreachable(address: address, reason: "HTTP 503", retryInSeconds: 0.01), .headReachable(address: address),
      ])
    XCTAssertEqual(head.submittedIds, [id(1)])
  }

  func testCancellingStopsTheJob() async throws {
    let head = try RayFakeHead { _, _ in Array(repeating: .init(status: .running), count: 10_000) }
    let notes = NoteLog()
    let executor = executor(head, notes: notes)
    let job = job()
    let evaluation = Task { await executor.evaluate(job) { _ in } }
    try await RayWait.until { executor.activity().running == 1 }
    evaluation.cancel()
    let outcome = await evaluation.value
    guard case .failed(let reason) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertTrue(reason.hasPrefix(ExecutorActivity.cancelledReasonPrefix), reason)
    XCTAssertEqual(head.status(of: id(1)), .stopped)
    XCTAssertTrue(notes.all.contains(.stopped(candidate: "c1", submissionId: id(1), reason: "the run was cancelled")))
    XCTAssertEqual(executor.activity(), ExecutorActivity())
  }

  func testStopAllStopsEveryJobInFlightAndNothingIsRetried() async throws {
    let head = try RayFakeHead { _, _ in Array(repeating: .init(status: .running), count: 10_000) }
    let executor = executor(head, notes: NoteLog())
    let jobs = ["c1", "c2"].map { name in
      var job = job()
      job.id = name
      return job
    }
    let evaluations = jobs.map { job in Task { await executor.evaluate(job) { _ in } } }
    try await RayWait.until { executor.activity().running == 2 }
    await executor.stopAll()
    for evaluation in evaluations {
      let outcome = await evaluation.value
      guard case .failed(let reason) = outcome else { return XCTFail("\(outcome)") }
      XCTAssertTrue(reason.hasPrefix(ExecutorActivity.cancelledReasonPrefix), reason)
    }
    XCTAssertEqual(head.submittedIds.count, 2, "a job stopped by the executor is not a lost job")
    // Nothing new starts once the run is being cancelled.
    let late = await executor.evaluate(job()) { _ in }
    XCTAssertEqual(late, .failed(reason: "cancelled: the run was cancelled (Ray job \(id(1)) stopped)"))
    XCTAssertEqual(head.submittedIds.count, 2)
  }

  func testAJobPastItsTimeLimitIsStopped() async throws {
    let head = try RayFakeHead { _, _ in Array(repeating: .init(status: .running), count: 10_000) }
    let notes = NoteLog()
    let outcome = await executor(head, notes: notes).evaluate(job(timeout: 0)) { _ in }
    XCTAssertEqual(outcome, .failed(reason: "timed out after 0 s"))
    XCTAssertEqual(head.status(of: id(1)), .stopped)
    XCTAssertEqual(head.submittedIds, [id(1)])
  }

  func testTheProbeComparesTheNodesWorkerWithThisBuild() async throws {
    let identity = RayFakeHead.Step(status: .succeeded, logs: WorkerIdentity.current.jsonLine + "\n")
    let good = try RayFakeHead { _, _ in [.init(status: .pending), identity] }
    let check = try await executor(good, notes: NoteLog()).check(task: "mnist1d")
    XCTAssertEqual(check.worker, WorkerIdentity.current)
    XCTAssertEqual(check.head.rayVersion, "2.60.0")
    let probe = try XCTUnwrap(good.submittedIds.first)
    XCTAssertEqual(good.body(of: probe)?["entrypoint"] as? String, "evoprompting worker --version")
    XCTAssertEqual(good.body(of: probe)?["entrypoint_num_cpus"] as? Double, 1, "placed where candidates go")

    let older = WorkerIdentity(version: "0.0.9", jobFormat: 1, tasks: ["mnist1d"]).jsonLine
    try await expectProbeFailure(
      [.init(status: .succeeded, logs: older + "\n")],
      "the Ray nodes cannot train this search's candidates: it runs evoprompting 0.0.9")
    try await expectProbeFailure(
      [
        .init(
          status: .failed, logs: "/bin/sh: 1: evoprompting: not found\n", errorType: "JOB_ENTRYPOINT_COMMAND_ERROR",
          exitCode: 127)
      ], "the Ray nodes cannot run `evoprompting` (/bin/sh: 1: evoprompting: not found)")
    try await expectProbeFailure(
      [.init(status: .succeeded, logs: "worker --version\n")],
      "`evoprompting worker --version` on a Ray node did not answer as an evoprompting worker")
    try await expectProbeFailure(
      Array(repeating: .init(status: .pending), count: 10_000), "did not finish within",
      configuration: {
        var configuration = Self.fast
        configuration.probeTimeoutSeconds = 0.3
        return configuration
      }())
  }

  func testAHeadThatDoesNotAnswerFailsTheStartClearly() async throws {
    let head = try RayFakeHead { _, _ in [] }
    head.server.stop()
    do {
      try await executor(head, notes: NoteLog()).prepare(task: "mnist1d")
      XCTFail("prepare succeeded without a head")
    } catch {
      XCTAssertEqual(
        "\(error)",
        "cannot reach the Ray head at \(head.address.absoluteString): connection refused; is a Ray head running "
          + "there, and is this its dashboard port?")
    }
  }

  private func expectProbeFailure(
    _ steps: [RayFakeHead.Step], _ expected: String, configuration: RayExecutorConfiguration = fast,
    line: UInt = #line
  ) async throws {
    let head = try RayFakeHead { _, _ in steps }
    do {
      try await executor(head, notes: NoteLog(), configuration: configuration).prepare(task: "mnist1d")
      XCTFail("the probe passed", line: line)
    } catch {
      XCTAssertTrue("\(error)".contains(expected), "\(error)", line: line)
    }
  }
}

/// Notes collected from any thread.
final class NoteLog: @unchecked Sendable {
  private let lock = NSLock()
  private var notes: [RayExecutorNote] = []
  func append(_ note: RayExecutorNote) { lock.withLock { notes.append(note) } }
  var all: [RayExecutorNote] { lock.withLock { notes } }
}

/// Waiting for another task's progress in the Ray tests.
enum RayWait {
  struct TimedOut: Error, CustomStringConvertible {
    var description: String
  }

  /// Returns once `condition` holds (checked every 10 ms); throws after `timeout` seconds.
  static func until(timeout: Double = 20, _ condition: @escaping @Sendable () async -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while await !condition() {
      if Date() > deadline { throw TimedOut(description: "the condition did not hold within \(timeout) s") }
      try await Task.sleep(nanoseconds: 10_000_000)
    }
  }
}
