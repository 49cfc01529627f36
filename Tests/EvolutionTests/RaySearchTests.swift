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
  /// failed worker's error line.
  static func head() throws -> RayFakeHead {
    try RayFakeHead { _, body in
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
  }
}
