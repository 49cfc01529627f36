import Evolution
import Foundation
import HTTPTestSupport
import Sessions
import Tasks
import XCTest

/// The Jobs REST client against a scripted head on loopback: requests as Ray expects them, replies and errors.
final class RayJobsClientTests: XCTestCase {
  static let job = EvaluationJob(
    id: "c7", code: "import torch\n", task: "mnist1d", training: TrainingConfiguration(steps: 10, seed: 3),
    memoryMegabytes: 1024, timeoutSeconds: 60)

  func testTheSubmissionCarriesTheJobAndItsResources() async throws {
    let head = try RayFakeHead { _, _ in [.init(status: .running)] }
    let executor = RayJobExecutor(
      client: RayJobsClient(address: head.address, token: nil), session: RaySessionKey(name: "mine", identity: "x"),
      configuration: RayExecutorConfiguration(workerCommand: "/opt/evo/evoprompting", numCpus: 1, numGpus: 0.5))
    let submission = try executor.candidateSubmission("evoprompting-mine-1-c7-1", job: Self.job)
    let id = try await executor.client.submit(submission)
    XCTAssertEqual(id, "evoprompting-mine-1-c7-1")

    let body = try XCTUnwrap(head.body(of: id))
    XCTAssertEqual(
      body["entrypoint"] as? String, "/opt/evo/evoprompting worker --job-env EVOPROMPTING_JOB --enforce-timeout")
    XCTAssertEqual(body["entrypoint_num_cpus"] as? Double, 1)
    XCTAssertEqual(body["entrypoint_num_gpus"] as? Double, 0.5)
    XCTAssertNil(body["entrypoint_memory"])
    let metadata = try XCTUnwrap(body["metadata"] as? [String: String])
    XCTAssertEqual(metadata["candidate"], "c7")
    XCTAssertEqual(metadata["task"], "mnist1d")
    // The job itself travels inside the request: no shared filesystem.
    let environment = try XCTUnwrap((body["runtime_env"] as? [String: Any])?["env_vars"] as? [String: String])
    XCTAssertEqual(try EvaluationJob(workerInputBase64: try XCTUnwrap(environment["EVOPROMPTING_JOB"])), Self.job)
  }

  func testStatusLogsStopListAndVersion() async throws {
    let head = try RayFakeHead { _, _ in
      [.init(status: .running, logs: "hello\n"), .init(status: .running, logs: "hello\nworld\n")]
    }
    let client = RayJobsClient(address: head.address, token: nil)
    let version = try await client.version()
    XCTAssertEqual(version.rayVersion, "2.60.0")
    try await client.submit(RayJobSubmission(entrypoint: "true", submissionId: "j1"))
    let details = try await client.job("j1")
    XCTAssertEqual(details?.status, .running)
    XCTAssertEqual(details?.submissionId, "j1")
    let logs = try await client.logs("j1")
    XCTAssertEqual(logs, "hello\nworld\n", "the logs so far")
    let listed = try await client.list()
    XCTAssertEqual(listed.map(\.submissionId), ["j1"])
    let stopped = try await client.stop("j1")
    XCTAssertTrue(stopped)
    let afterStop = try await client.job("j1")
    XCTAssertEqual(afterStop?.status, .stopped)
    let stoppedAgain = try await client.stop("j1")
    XCTAssertFalse(stoppedAgain)
    let unknown = try await client.job("nope")
    XCTAssertNil(unknown, "an unknown job is nil, not an error")
  }

  func testErrorsSayWhatHappened() async throws {
    let head = try RayFakeHead { _, _ in [.init(status: .running)] }
    let client = RayJobsClient(address: head.address, token: nil)
    try await client.submit(RayJobSubmission(entrypoint: "true", submissionId: "j1"))

    // Ray answers a second submission with the same id with a traceback; the error names the cause, not the noise.
    let duplicate = await capture { try await client.submit(RayJobSubmission(entrypoint: "true", submissionId: "j1")) }
    XCTAssertTrue(duplicate?.isDuplicateSubmission == true, "\(String(describing: duplicate))")
    XCTAssertFalse(duplicate?.isTransient == true)
    XCTAssertTrue(
      duplicate?.description.hasSuffix(
        "ValueError: Job with submission_id j1 already exists. Please use a different submission_id.") == true,
      "\(String(describing: duplicate))")

    let missingLogs = await capture { try await client.logs("nope") }
    XCTAssertEqual(
      missingLogs, .http(status: 404, method: "GET", path: "/api/jobs/nope/logs", body: "Job nope does not exist"))

    head.failNext(1)
    let overloaded = await capture { try await client.version() }
    XCTAssertTrue(overloaded?.isTransient == true)

    // A closed port: nothing answers.
    let closed = try ScriptedHTTPServer(replies: [])
    let closedAddress = URL(string: closed.url())!
    closed.stop()
    let unreachable = await capture { try await RayJobsClient(address: closedAddress, token: nil).version() }
    guard case .unreachable(let address, let detail) = unreachable else {
      return XCTFail("\(String(describing: unreachable))")
    }
    XCTAssertEqual(address, closedAddress.absoluteString)
    XCTAssertEqual(detail, "connection refused")
    XCTAssertTrue(unreachable?.isTransient == true)
  }

  func testAMalformedReplyIsNamed() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 200, body: "<html>proxy login</html>"), .respond(status: 200, body: "{\"logz\": 1}"),
    ])
    let client = RayJobsClient(address: URL(string: server.url())!, token: nil)
    let notJSON = await capture { try await client.version() }
    XCTAssertEqual(
      notJSON,
      .malformedReply(method: "GET", path: "/api/version", reason: "not JSON", excerpt: "<html>proxy login</html>"))
    let wrongShape = await capture { try await client.logs("j") }
    XCTAssertEqual(
      wrongShape?.description,
      "the Ray head's reply to GET /api/jobs/j/logs is not valid: no 'logs' field (reply: {\"logz\": 1})")
  }

  func testTheTokenIsSentAndNeverShown() async throws {
    let secret = "s3cr3t-token-value"
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 403, body: "Forbidden: Invalid authentication token")
    ])
    let token = try XCTUnwrap(try RayAuthToken.fromEnvironment(["RAY_AUTH_TOKEN": secret], home: "/nonexistent"))
    let client = RayJobsClient(address: URL(string: server.url())!, token: token)
    let refused = await capture { try await client.version() }
    XCTAssertEqual(server.requests.first?.headers["authorization"], "Bearer \(secret)")
    XCTAssertTrue(refused?.isAuthentication == true)
    XCTAssertTrue(refused?.description.contains("refused the token") == true, "\(String(describing: refused))")
    for text in [refused?.description ?? "", "\(token)", String(describing: token), client.authentication ?? ""] {
      XCTAssertFalse(text.contains(secret), text)
    }
    XCTAssertEqual(client.authentication, "token from RAY_AUTH_TOKEN")
  }

  func testTheTokenIsFoundWhereRayLooks() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("ray-token-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: home) }
    XCTAssertNil(try RayAuthToken.fromEnvironment([:], home: home.path))
    try FileManager.default.createDirectory(at: home.appendingPathComponent(".ray"), withIntermediateDirectories: true)
    let defaultFile = home.appendingPathComponent(".ray/auth_token")
    try "from-default-file\n".write(to: defaultFile, atomically: true, encoding: .utf8)
    XCTAssertEqual(try RayAuthToken.fromEnvironment([:], home: home.path)?.source, defaultFile.path)
    let named = home.appendingPathComponent("named")
    try "from-named-file".write(to: named, atomically: true, encoding: .utf8)
    XCTAssertEqual(
      try RayAuthToken.fromEnvironment(["RAY_AUTH_TOKEN_PATH": named.path], home: home.path)?.source, named.path)
    XCTAssertEqual(
      try RayAuthToken.fromEnvironment(["RAY_AUTH_TOKEN": "v", "RAY_AUTH_TOKEN_PATH": named.path], home: home.path)?
        .source, "RAY_AUTH_TOKEN")
    // A named file that is missing is an error, not a silent fallback to the default file.
    XCTAssertThrowsError(
      try RayAuthToken.fromEnvironment(
        ["RAY_AUTH_TOKEN_PATH": home.appendingPathComponent("gone").path], home: home.path))
  }

  func testHeadAddresses() throws {
    XCTAssertEqual(try RayJobsClient.parseAddress("http://127.0.0.1:8265/").absoluteString, "http://127.0.0.1:8265")
    XCTAssertEqual(try RayJobsClient.parseAddress("10.0.0.5:8265").absoluteString, "http://10.0.0.5:8265")
    XCTAssertEqual(try RayJobsClient.parseAddress("https://ray.example.org").absoluteString, "https://ray.example.org")
    XCTAssertThrowsError(try RayJobsClient.parseAddress("ray://10.0.0.5:10001"))
    XCTAssertThrowsError(try RayJobsClient.parseAddress("10.0.0.5:6379"))
    XCTAssertThrowsError(try RayJobsClient.parseAddress("ftp://host"))
    XCTAssertThrowsError(try RayJobsClient.parseAddress(""))
  }

  private func capture<T>(_ body: () async throws -> T) async -> RayJobsError? {
    do {
      _ = try await body()
      return nil
    } catch {
      return error as? RayJobsError
    }
  }
}
