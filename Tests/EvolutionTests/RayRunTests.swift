import Evolution
import Foundation
import HTTPTestSupport
import ProcessTestSupport
import Sessions
import XCTest

/// `evoprompting run --executor ray` against a real Ray head on loopback, next to the same run with local workers;
/// opt-in like `RayHeadTests` (`make test-ray`). The language model is a scripted server on loopback, so both runs
/// train the same candidates.
final class RayRunTests: XCTestCase {
  var binary: String { BuiltBinary.path }

  func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try BuiltBinary.run(arguments) }

  func testARayRunTrainsWhatALocalRunTrains() async throws {
    guard let address = ProcessInfo.processInfo.environment["EVOPROMPTING_RAY_ADDRESS"], !address.isEmpty else {
      throw XCTSkip("no Ray head: run under scripts/ray-test-env.sh run … (EVOPROMPTING_RAY_ADDRESS is not set)")
    }
    // One server per run: the replies follow the request index, so both runs must start from the first reply.
    func scriptedServer() throws -> ScriptedHTTPServer {
      try ScriptedHTTPServer(lifetime: 600) { request, index in
        guard request.path.hasSuffix("/chat/completions") else { return .respond(status: 404, body: "{}") }
        let replies = EndToEndSearchTests.replies
        return .respond(
          status: 200, headers: ["Content-Type": "application/json"],
          body: EndToEndSearchTests.chatReply(replies[index % replies.count]))
      }
    }
    let rayServer = try scriptedServer()
    let localServer = try scriptedServer()
    defer {
      rayServer.stop()
      localServer.stop()
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("evo-ray-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let common = [
      "run", "--headless", "--lm", "openai", "--model", "scripted", "--rounds", "2",
      "--prompts", "1", "--samples", "2", "--parents", "2", "--steps", "200", "--eval-interval", "100", "--jobs",
      "2", "--seed", "1",
    ]
    let raySession = root.appendingPathComponent("ray")
    let ray = try run(
      common + [
        "--base-url", rayServer.url("/v1"), "--session", raySession.path, "--executor", "ray", "--ray-address",
        address, "--ray-worker-command", binary,
      ])
    XCTAssertEqual(ray.status, 0, ray.output)
    XCTAssertTrue(ray.output.contains("· ray 127.0.0.1"), ray.output)
    XCTAssertTrue(ray.output.contains(" submitted as evoprompting-ray-"), ray.output)
    let localSession = root.appendingPathComponent("local")
    let local = try run(common + ["--base-url", localServer.url("/v1"), "--session", localSession.path])
    XCTAssertEqual(local.status, 0, local.output)

    let rayState = SessionState(events: try EventLog.read(at: raySession).events)
    let localState = SessionState(events: try EventLog.read(at: localSession).events)
    XCTAssertTrue(rayState.finished)
    let outcomes = { (state: SessionState) in
      state.orderedCandidates.map { "\($0.id) \($0.status) \($0.params ?? -1) \($0.validationAccuracy ?? -1)" }
    }
    // The worker is the same program with the same seeds: the same parameters and the same accuracies.
    XCTAssertEqual(outcomes(rayState), outcomes(localState))

    // One succeeded job per trained candidate, under the session's submission ids.
    let client = RayJobsClient(
      address: try RayJobsClient.parseAddress(address), token: try RayAuthToken.fromEnvironment())
    let key = try RaySessionKey.of(sessionDirectory: raySession)
    let jobs = try await client.list().filter { $0.submissionId?.hasPrefix(key.prefix + "-") ?? false }
    let candidates = jobs.filter { !($0.submissionId?.contains("-probe-") ?? true) }
    let trained = rayState.orderedCandidates.filter { $0.status == .evaluated }
    XCTAssertEqual(
      Set(candidates.compactMap(\.submissionId)),
      Set(trained.map { RaySubmissionID(session: key, candidate: $0.id, attempt: 1).description }))
    XCTAssertTrue(candidates.allSatisfy { $0.status == .succeeded }, "\(candidates.map(\.status))")
    // The session log records each of those submissions.
    let recorded = try EventLog.read(at: raySession).events.compactMap { logged -> String? in
      if case .jobSubmitted(let job) = logged.event { job.submissionId } else { nil }
    }
    XCTAssertEqual(recorded.sorted(), candidates.compactMap(\.submissionId).sorted())

    try assertReportAndReplayShowTheJobs(of: raySession, trained: trained.map(\.id), key: key, address: address)
  }

  /// What a user reads back from the session: `report --json` lists each trained candidate's cluster job, and
  /// `replay --headless` prints each submission as the live run did.
  func assertReportAndReplayShowTheJobs(
    of session: URL, trained: [String], key: RaySessionKey, address: String
  ) throws {
    let report = try run(["report", session.path, "--json"])
    XCTAssertEqual(report.status, 0, report.output)
    struct Report: Decodable {
      struct Candidate: Decodable {
        var id: String
        var clusterJobs: [String]?
        enum CodingKeys: String, CodingKey {
          case id
          case clusterJobs = "cluster_jobs"
        }
      }
      var candidates: [Candidate]
    }
    let candidates = try JSONDecoder().decode(Report.self, from: Data(report.output.utf8)).candidates
    for id in trained {
      let expected = [RaySubmissionID(session: key, candidate: id, attempt: 1).description]
      XCTAssertEqual(candidates.first { $0.id == id }?.clusterJobs, expected, report.output)
    }

    let replay = try run(["replay", session.path, "--headless", "--speed", "1000000"])
    XCTAssertEqual(replay.status, 0, replay.output)
    let head = address.replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "https://", with: "")
    for id in trained {
      let submission = RaySubmissionID(session: key, candidate: id, attempt: 1)
      XCTAssertTrue(replay.output.contains("ray \(head): \(id) submitted as \(submission)"), replay.output)
    }
  }
}
