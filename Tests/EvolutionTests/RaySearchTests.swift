import Evolution
import Foundation
import Sessions
import Synchronization
import XCTest

/// A whole search trained through `RayJobExecutor` against the scripted head: each submitted job carries its
/// candidate, which the head "trains" as `CommentExecutor` does, so the search must record the same outcomes as
/// with that executor in-process; a resumed session re-attaches to the jobs it submitted instead of resubmitting.
final class RaySearchTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-ray-search-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  static let replies = [
    "class A(nn.Module):\n    pass  # params 1000 acc 0.95\n",
    "class B(nn.Module):\n    pass  # params 900 acc 0.93\n",
    "class C(nn.Module):\n    BAD  # params 10\n",
    "class D(nn.Module):\n    pass  # CRASH\n",
    "class E(nn.Module):\n    pass  # params 800 acc 0.40\n",
    "class F(nn.Module):\n    pass  # params 700 acc 0.91\n",
  ]

  /// A head whose jobs queue, run, then end as the worker would on the job they carry: its result line, or a
  /// failed worker's error line; the first job of candidate `lost` dies with its node.
  static func head(losingFirstJobOf lost: String? = nil) throws -> RayFakeHead {
    try RayFakeHead { id, body in
      if let lost, id.hasSuffix("-\(lost)-1") { return [.init(status: .running), RayJobExecutorTests.supervisorDied] }
      let environment = (body["runtime_env"] as? [String: Any])?["env_vars"] as? [String: String] ?? [:]
      guard let text = environment[EvaluationJob.environmentVariable],
        let job = try? EvaluationJob(workerInputBase64: text)
      else { return [.init(status: .failed, message: "no job")] }
      let line: String
      let outcome = Self.evaluateInline(job)
      switch outcome {
      case .finished(let result): line = WorkerMessage.result(result).jsonLine
      case .failed(let reason): line = WorkerMessage.error(reason).jsonLine
      }
      let ended: RayFakeHead.Step =
        if case .finished = outcome {
          .init(status: .succeeded, logs: line + "\n")
        } else {
          .init(status: .failed, logs: line + "\n", exitCode: 1, message: "exit code 1")
        }
      return [.init(status: .pending), .init(status: .running), ended]
    }
  }

  /// `CommentExecutor`'s verdict on `job`, synchronously.
  static func evaluateInline(_ job: EvaluationJob) -> EvaluationOutcome {
    let outcome = Mutex<EvaluationOutcome?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      let result = await CommentExecutor().evaluate(job) { _ in }
      outcome.withLock { $0 = result }
      done.signal()
    }
    done.wait()
    return outcome.withLock { $0! }
  }

  func components(_ executor: any Executor) -> SearchRun.Components {
    SearchRun.Components(
      task: "mnist1d", seeds: SearchRunTests.seeds, languageModel: ScriptedLanguageModel(replies: Self.replies),
      languageModelDescription: ["backend": "scripted"], validator: CommentValidator(), executor: executor)
  }

  /// `SearchRunTests`' small search, trained on Ray.
  func settings(rounds: Int = 2) -> SearchSettings {
    var settings = SearchSettings()
    settings.parentCount = 2
    settings.parentsPerPrompt = 2
    settings.rounds = rounds
    settings.promptsPerRound = 2
    settings.samplesPerPrompt = 2
    settings.training.steps = 10
    settings.jobs = 2
    settings.executor = .ray
    settings.ray.address = "http://127.0.0.1:8265"
    return settings
  }

  func rayExecutor(_ head: RayFakeHead) -> RayJobExecutor {
    RayJobExecutor(
      client: RayJobsClient(address: head.address, token: nil), sessionDirectory: folder,
      configuration: RayJobExecutorTests.fast)
  }

  func testASearchThroughRayRecordsWhatALocalSearchRecords() async throws {
    let settings = self.settings()
    let head = try Self.head()
    let run = try SearchRun.start(directory: folder, settings: settings, components: components(rayExecutor(head)))
    try await run.run()
    let state = await run.state
    XCTAssertTrue(state.finished)

    let local = FileManager.default.temporaryDirectory.appendingPathComponent("evo-local-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: local) }
    var localSettings = settings
    localSettings.executor = .local
    let localRun = try SearchRun.start(
      directory: local, settings: localSettings, components: components(CommentExecutor()))
    try await localRun.run()
    let localState = await localRun.state

    let outcomes = { (state: SessionState) in
      state.orderedCandidates.map { "\($0.id) \($0.status) \($0.params ?? -1) \($0.validationAccuracy ?? -1)" }
    }
    XCTAssertEqual(outcomes(state), outcomes(localState))
    XCTAssertTrue(state.orderedCandidates.contains { $0.status == .failed }, "a failed worker fails its candidate")
    // One job per trained candidate (seeds included), each named after the session and the candidate.
    let trained = state.orderedCandidates.filter { $0.status == .evaluated || $0.status == .failed }
    let key = try RaySessionKey.of(sessionDirectory: folder)
    XCTAssertEqual(
      Set(head.submittedIds),
      Set(trained.map { RaySubmissionID(session: key, candidate: $0.id, attempt: 1).description }))
    XCTAssertEqual(state.configuration?.settings["executor"], "ray")
    XCTAssertEqual(state.configuration?.settings["ray_address"], "http://127.0.0.1:8265")
    // The log records each of those submissions, before the candidate's outcome.
    let events = try EventLog.read(at: folder).events.map(\.event)
    let submissions = Self.jobs(in: events, reattached: false)
    XCTAssertEqual(submissions.map(\.submissionId).sorted(), head.submittedIds.sorted())
    XCTAssertTrue(submissions.allSatisfy { $0.attempt == 1 && $0.executor == "ray \(head.address.absoluteString)" })
    XCTAssertEqual(Self.jobs(in: events, reattached: true), [])
    for candidate in trained {
      XCTAssertEqual(
        candidate.submissions, [RaySubmissionID(session: key, candidate: candidate.id, attempt: 1).description])
      let submitted = try XCTUnwrap(
        events.firstIndex { if case .jobSubmitted(let job) = $0 { job.id == candidate.id } else { false } })
      let ended = try XCTUnwrap(
        events.firstIndex { event in
          switch event {
          case .trainingFinished(let result): result.id == candidate.id
          case .trainingFailed(let id, _): id == candidate.id
          default: false
          }
        })
      XCTAssertLessThan(submitted, ended, candidate.id)
    }
    XCTAssertEqual(SessionReport(state: state).candidates.first { $0.id == "s1" }?.clusterJobs, [key.prefix + "-s1-1"])
  }

  /// The `job_submitted` (or `job_reattached`) events of a log, in order.
  static func jobs(in events: [SessionEvent], reattached: Bool) -> [JobSubmission] {
    events.compactMap { event in
      switch event {
      case .jobSubmitted(let job) where !reattached: job
      case .jobReattached(let job) where reattached: job
      default: nil
      }
    }
  }

  func testALostJobAndAnOutageOfTheHeadAreRecorded() async throws {
    let head = try Self.head(losingFirstJobOf: "s2")
    head.failNext(3)
    let run = try SearchRun.start(
      directory: folder, settings: settings(rounds: 1), components: components(rayExecutor(head)))
    try await run.run()
    let state = await run.state
    XCTAssertTrue(state.finished)
    let key = try RaySessionKey.of(sessionDirectory: folder)
    let lostID = RaySubmissionID(session: key, candidate: "s2", attempt: 1).description
    let retryID = RaySubmissionID(session: key, candidate: "s2", attempt: 2).description
    XCTAssertEqual(state.candidates["s2"]?.status, .evaluated)
    XCTAssertEqual(state.candidates["s2"]?.submissions, [lostID, retryID])
    XCTAssertEqual(state.lostJobCount, 1)
    XCTAssertNil(state.executorOutage, "the head answered again")

    let events = try EventLog.read(at: folder).events.map(\.event)
    // The lost job, then the second submission of its candidate.
    let lost = try XCTUnwrap(
      events.firstIndex { if case .jobLost(let job) = $0 { job.submissionId == lostID } else { false } })
    let second = try XCTUnwrap(
      events.firstIndex { if case .jobSubmitted(let job) = $0 { job.submissionId == retryID } else { false } })
    XCTAssertLessThan(lost, second)
    guard case .jobSubmitted(let retry) = events[second] else { return XCTFail() }
    XCTAssertEqual(retry.attempt, 2)
    XCTAssertEqual(Self.jobs(in: events, reattached: false).map(\.submissionId).sorted(), head.submittedIds.sorted())
    // The head's outage, while it lasted.
    let down = try XCTUnwrap(events.firstIndex { if case .executorUnreachable = $0 { true } else { false } })
    let up = try XCTUnwrap(events.firstIndex { if case .executorReachable = $0 { true } else { false } })
    XCTAssertLessThan(down, up)
    guard case .executorUnreachable(let outage) = events[down] else { return XCTFail() }
    XCTAssertEqual(outage.reason, "HTTP 503")
    XCTAssertEqual(outage.executor, "ray \(head.address.absoluteString)")
  }

  func testAScreenedChildIsTrainedFullyInAJobOfItsOwn() async throws {
    var settings = self.settings()
    settings.screenSteps = 5
    settings.screenBar = 0.5
    let head = try Self.head()
    let run = try SearchRun.start(directory: folder, settings: settings, components: components(rayExecutor(head)))
    try await run.run()
    let state = await run.state
    let key = try RaySessionKey.of(sessionDirectory: folder)
    // A passes the screen: its short run and its full run are two jobs, not one found again.
    let a = try XCTUnwrap(state.orderedCandidates.first { $0.code.contains("class A") })
    XCTAssertEqual(a.status, .evaluated)
    let ids = [
      RaySubmissionID(session: key, candidate: a.id + "-screen", attempt: 1).description,
      RaySubmissionID(session: key, candidate: a.id, attempt: 1).description,
    ]
    XCTAssertEqual(a.submissions, ids)
    XCTAssertTrue(Set(ids).isSubset(of: head.submittedIds), "\(head.submittedIds)")
    // E fails the screen: only its short run was a job.
    let e = try XCTUnwrap(state.orderedCandidates.first { $0.code.contains("class E") })
    XCTAssertEqual(e.status, .failed)
    XCTAssertEqual(e.submissions.count, 1)
  }

  func testAResumedSearchReattachesInsteadOfResubmitting() async throws {
    let head = try Self.head()
    let settings = self.settings(rounds: 1)
    do {  // the first run (and its hold on the session) ends before the resume
      let run = try SearchRun.start(directory: folder, settings: settings, components: components(rayExecutor(head)))
      try await run.run()
    }
    let submitted = head.submittedIds
    // Cut the log after the first training started, as a crash would, and resume with a fresh executor.
    let log = folder.appendingPathComponent(EventLog.fileName)
    let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let firstTraining = try XCTUnwrap(lines.firstIndex { $0.contains("\"training_started\"") })
    try (lines[...firstTraining].joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
    let resumed = try SearchRun.resume(directory: folder, components: components(rayExecutor(head)))
    try await resumed.run()
    let state = await resumed.state
    XCTAssertTrue(state.finished)
    XCTAssertEqual(head.submittedIds, submitted, "every job was found on the head: none submitted twice")
    // The resumed run records re-attachments, and no submission.
    let events = try EventLog.read(at: folder).events.map(\.event)
    let resumedAt = try XCTUnwrap(events.firstIndex { if case .runResumed = $0 { true } else { false } })
    let afterResume = Array(events[resumedAt...])
    XCTAssertEqual(Self.jobs(in: afterResume, reattached: false), [])
    let reattached = Self.jobs(in: afterResume, reattached: true)
    XCTAssertFalse(reattached.isEmpty)
    XCTAssertTrue(
      reattached.allSatisfy { submitted.contains($0.submissionId) && ["SUCCEEDED", "FAILED"].contains($0.status) },
      "\(reattached)")
    XCTAssertTrue(
      state.orderedCandidates.allSatisfy { $0.submissions.count <= 1 }, "a re-attached job is not a second one")
  }
}
