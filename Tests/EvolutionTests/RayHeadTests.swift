import ArchLang
import Evolution
import Foundation
import ProcessTestSupport
import Sessions
import Tasks
import XCTest

/// The Ray executor against a real Ray head on loopback, with real `evoprompting worker` jobs.
///
/// Runs when `EVOPROMPTING_RAY_ADDRESS` names a head, e.g. under
/// `scripts/ray-test-env.sh run swift test -c release --skip-build --filter RayHeadTests`, which installs Ray in a
/// virtual environment, starts a head on 127.0.0.1 and stops it afterwards; skipped otherwise. The nodes reach
/// the worker through a shared path: the binary next to this test bundle.
final class RayHeadTests: XCTestCase {
  var binary: String { BuiltBinary.path }

  /// A session of its own per test, so that runs against one head never share submission ids.
  let session = RaySessionKey(name: "ray-head-test", identity: UUID().uuidString)

  func client() throws -> RayJobsClient {
    guard let address = ProcessInfo.processInfo.environment["EVOPROMPTING_RAY_ADDRESS"], !address.isEmpty else {
      throw XCTSkip("no Ray head: run under scripts/ray-test-env.sh run … (EVOPROMPTING_RAY_ADDRESS is not set)")
    }
    guard FileManager.default.isExecutableFile(atPath: binary) else { throw XCTSkip("build evoprompting first") }
    return RayJobsClient(address: try RayJobsClient.parseAddress(address), token: try RayAuthToken.fromEnvironment())
  }

  func executor(
    _ client: RayJobsClient, workerCommand: String? = nil, notes: NoteLog = NoteLog()
  ) -> RayJobExecutor {
    RayJobExecutor(
      client: client, session: session,
      configuration: RayExecutorConfiguration(
        workerCommand: workerCommand ?? binary, progressSeconds: 0.5, initialHeadRetrySeconds: 0.5,
        probeTimeoutSeconds: 120),
      notify: { notes.append($0) })
  }

  func job(_ id: String, steps: Int, timeout: Int = 300) throws -> EvaluationJob {
    EvaluationJob(
      id: id, code: SeedProgram.mlp.source, task: "mnist1d",
      training: TrainingConfiguration(
        steps: steps, batchSize: 128, learningRate: 0.01, seed: 0, evaluationInterval: 100),
      memoryMegabytes: 2048, timeoutSeconds: timeout)
  }

  func submissionId(_ candidate: String, _ attempt: Int) -> String {
    RaySubmissionID(session: session, candidate: candidate, attempt: attempt).description
  }

  func testTheProbeAcceptsThisBuildAndRefusesAnyOther() async throws {
    let client = try client()
    let check = try await executor(client).check(task: "mnist1d")
    XCTAssertEqual(check.worker, WorkerIdentity.current)
    XCTAssertFalse(check.head.rayVersion.isEmpty)

    do {
      try await executor(client, workerCommand: "/bin/echo").prepare(task: "mnist1d")
      XCTFail("a wrong binary passed the probe")
    } catch {
      XCTAssertTrue(
        "\(error)".hasPrefix("`/bin/echo worker --version` on a Ray node did not answer as an evoprompting worker"),
        "\(error)")
    }
    do {
      try await executor(client, workerCommand: "/nonexistent/evoprompting").prepare(task: "mnist1d")
      XCTFail("a missing binary passed the probe")
    } catch {
      XCTAssertTrue("\(error)".hasPrefix("the Ray nodes cannot run `/nonexistent/evoprompting`"), "\(error)")
    }
  }

  func testAWorkerJobTrainsTheSeedAsALocalWorkerWould() async throws {
    let client = try client()
    let job = try job("c1", steps: 300)
    let notes = NoteLog()
    let progress = ProgressLog()
    let outcome = await executor(client, notes: notes).evaluate(job) { progress.append($0) }
    guard case .finished(let remote) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(progress.steps, [100, 200, 300])

    let local = await LocalExecutor(executable: binary).evaluate(job) { _ in }
    guard case .finished(let here) = local else { return XCTFail("\(local)") }
    XCTAssertEqual(remote.params, here.params)
    // Same seed, same data, one BLAS thread: the same numbers.
    XCTAssertEqual(remote.validationAccuracy, here.validationAccuracy, accuracy: 1e-6)
    XCTAssertEqual(remote.testAccuracy, here.testAccuracy, accuracy: 1e-6)

    let recorded = try await client.job(submissionId("c1", 1))
    XCTAssertEqual(recorded?.status, .succeeded)
    XCTAssertEqual(recorded?.metadata?["candidate"], "c1")
    XCTAssertEqual(notes.all.first, .submitted(candidate: "c1", submissionId: submissionId("c1", 1)))
  }

  func testCancellingStopsTheJobOnTheCluster() async throws {
    let client = try client()
    let executor = executor(client)
    let job = try job("c2", steps: 5_000_000)
    let evaluation = Task { await executor.evaluate(job) { _ in } }
    try await RayWait.until(timeout: 120) { executor.activity().running == 1 }
    evaluation.cancel()
    let outcome = await evaluation.value
    guard case .failed(let reason) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertTrue(reason.hasPrefix(ExecutorActivity.cancelledReasonPrefix), reason)
    let id = submissionId("c2", 1)
    try await RayWait.until(timeout: 60) { (try? await client.job(id))?.status == .stopped }
  }

  func testAJobStoppedFromOutsideIsSubmittedAgain() async throws {
    let client = try client()
    let notes = NoteLog()
    let executor = executor(client, notes: notes)
    let job = try job("c3", steps: 3000)
    let evaluation = Task { await executor.evaluate(job) { _ in } }
    try await RayWait.until(timeout: 120) { executor.activity().running == 1 }
    let first = submissionId("c3", 1)
    let stopped = try await client.stop(first)
    XCTAssertTrue(stopped)
    let outcome = await evaluation.value
    guard case .finished = outcome else { return XCTFail("\(outcome)") }
    XCTAssertTrue(notes.all.contains { if case .retrying(_, first, _) = $0 { true } else { false } }, "\(notes.all)")
    let jobs = try await client.list().filter { $0.metadata?["evoprompting_session"] == session.prefix }
    XCTAssertEqual(
      jobs.map { "\($0.submissionId ?? "") \($0.status.rawValue)" }.sorted(),
      ["\(first) STOPPED", "\(submissionId("c3", 2)) SUCCEEDED"])
  }

  func testAResumedRunReattachesToItsJobInsteadOfSubmittingAgain() async throws {
    let client = try client()
    let job = try job("c4", steps: 1000)
    // What a run killed right after submitting left on the cluster.
    let before = executor(client)
    try await client.submit(try before.candidateSubmission(submissionId("c4", 1), job: job))

    let notes = NoteLog()
    let outcome = await executor(client, notes: notes).evaluate(job) { _ in }
    guard case .finished = outcome else { return XCTFail("\(outcome)") }
    guard case .reattached(_, let id, _) = notes.all.first else { return XCTFail("\(notes.all)") }
    XCTAssertEqual(id, submissionId("c4", 1))
    XCTAssertFalse(notes.all.contains { if case .submitted = $0 { true } else { false } }, "\(notes.all)")
    let jobs = try await client.list().filter { $0.metadata?["evoprompting_session"] == session.prefix }
    XCTAssertEqual(jobs.map(\.submissionId), [submissionId("c4", 1)], "one job for the candidate")
  }

  /// With `RAY_TEST_AUTH=1` the script starts the head with Ray's token authentication: requests without the token
  /// are refused with a sentence that names the variable, requests with it (from RAY_AUTH_TOKEN_PATH) pass.
  func testTokenAuthentication() async throws {
    let client = try client()
    guard ProcessInfo.processInfo.environment["EVOPROMPTING_RAY_AUTH"] == "1" else {
      throw XCTSkip("the head runs without token authentication (RAY_TEST_AUTH=1 starts one with it)")
    }
    XCTAssertNotNil(client.authentication)
    let jobs = try await client.list()
    XCTAssertNotNil(jobs)
    do {
      _ = try await RayJobsClient(address: client.address, token: nil).list()
      XCTFail("the head answered without a token")
    } catch let error as RayJobsError {
      XCTAssertTrue(error.isAuthentication, "\(error)")
      XCTAssertTrue("\(error)".contains("set RAY_AUTH_TOKEN"), "\(error)")
    }
    do {
      let wrong = RayAuthToken(value: "not-the-token", source: "test")
      _ = try await RayJobsClient(address: client.address, token: wrong).list()
      XCTFail("the head answered with a wrong token")
    } catch let error as RayJobsError {
      XCTAssertTrue("\(error)".contains("refused the token"), "\(error)")
      XCTAssertFalse("\(error)".contains("not-the-token"))
    }
  }
}
