import Evolution
import Foundation
import Sessions
import XCTest

/// How a finished Ray job is read: the worker's last word first, then Ray's error type.
final class RayJobEndingTests: XCTestCase {
  static let result = TrainingFinished(
    id: "c1", params: 5210, validationAccuracy: 0.74, testAccuracy: 0.778, seconds: 0.7, millisecondsPerStep: 0.8)

  func details(_ status: RayJobStatus, errorType: String? = nil, exitCode: Int? = nil, message: String? = nil)
    -> RayJobDetails
  {
    RayJobDetails(
      submissionId: "s", status: status, message: message, errorType: errorType, driverExitCode: exitCode)
  }

  /// A log as Ray writes it: its own lines around the entrypoint's output.
  func logs(_ lines: String...) -> String {
    (["2026-12-06 03:19:53,704\tINFO job_manager.py:581 -- Runtime env is setting up."] + lines
      + ["Running entrypoint for job s: evoprompting worker --job-env EVOPROMPTING_JOB --enforce-timeout"])
      .joined(separator: "\n") + "\n"
  }

  func testTheWorkersLastWordDecides() {
    let progress = WorkerMessage.progress(
      TrainingProgress(id: "c1", step: 100, steps: 300, trainLoss: 1.5, validationAccuracy: 0.5)
    ).jsonLine
    XCTAssertEqual(
      RayJobEnding.classify(details(.succeeded), logs: logs(progress, WorkerMessage.result(Self.result).jsonLine)),
      .finished(Self.result))
    // A result stands even if the job was stopped after the worker printed it.
    XCTAssertEqual(
      RayJobEnding.classify(details(.stopped), logs: logs(WorkerMessage.result(Self.result).jsonLine)),
      .finished(Self.result))
    XCTAssertEqual(
      RayJobEnding.classify(
        details(.failed, errorType: "JOB_ENTRYPOINT_COMMAND_ERROR", exitCode: 1),
        logs: logs(progress, WorkerMessage.error("training diverged (loss is nan)").jsonLine)),
      .failed(reason: "training diverged (loss is nan)"))
  }

  func testAnEntrypointThatFailedIsTheCandidates() {
    XCTAssertEqual(
      RayJobEnding.classify(
        details(.failed, errorType: "JOB_ENTRYPOINT_COMMAND_ERROR", exitCode: 137), logs: logs("Killed")),
      .failed(reason: "the worker crashed with signal 9 (killed; out of memory?) (the worker also wrote: Killed)"))
    XCTAssertEqual(
      RayJobEnding.classify(
        details(.failed, errorType: "JOB_ENTRYPOINT_COMMAND_ERROR", exitCode: 127),
        logs: logs("/bin/sh: 1: evoprompting: not found")),
      .failed(
        reason: "the Ray node cannot find the worker command (exit status 127): /bin/sh: 1: evoprompting: not found"))
    XCTAssertEqual(
      RayJobEnding.classify(details(.failed, errorType: "JOB_ENTRYPOINT_COMMAND_ERROR", exitCode: 3), logs: logs()),
      .failed(reason: "worker exited with status 3"))
    XCTAssertEqual(
      RayJobEnding.classify(details(.succeeded), logs: logs("some noise")),
      .failed(reason: "worker exited with status 0 (the worker also wrote: some noise)"))
    XCTAssertEqual(
      RayJobEnding.classify(
        details(.failed, errorType: "JOB_SUPERVISOR_ACTOR_UNSCHEDULABLE", message: "no node has GPU\nmore"),
        logs: ""),
      .failed(reason: "Ray could not run the job: no node has GPU"))
  }

  func testAJobTheClusterLostIsLost() {
    XCTAssertEqual(
      RayJobEnding.classify(details(.stopped), logs: logs("partial")),
      .lost(reason: "the job was stopped before the worker finished"))
    XCTAssertEqual(
      RayJobEnding.classify(
        details(.failed, errorType: "JOB_SUPERVISOR_ACTOR_DIED", message: "Job supervisor actor died: node died"),
        logs: ""),
      .lost(reason: "Ray lost the job (its node or supervisor died?): Job supervisor actor died: node died"))
    // Ray before 2.9 gave no error type.
    XCTAssertEqual(
      RayJobEnding.classify(details(.failed, message: "Unexpected error occurred: The actor died"), logs: ""),
      .lost(reason: "Ray lost the job: Unexpected error occurred: The actor died"))
    XCTAssertEqual(
      RayJobEnding.classify(details(.failed, message: "Job entrypoint command failed with exit code 2"), logs: ""),
      .failed(reason: "worker exited with status 2"))
  }

  func testSubmissionIdsDependOnTheSessionAndCandidateOnly() throws {
    let key = RaySessionKey(name: "mine", identity: "{\"format\":1,\"created\":1.5}")
    XCTAssertEqual(key, RaySessionKey(name: "mine", identity: "{\"format\":1,\"created\":1.5}"))
    XCTAssertNotEqual(key, RaySessionKey(name: "mine", identity: "{\"format\":1,\"created\":1.6}"))
    XCTAssertNotEqual(key, RaySessionKey(name: "copy", identity: "{\"format\":1,\"created\":1.5}"))
    let id = RaySubmissionID(session: key, candidate: "c17", attempt: 2).description
    XCTAssertTrue(id.hasPrefix("evoprompting-mine-"), id)
    XCTAssertTrue(id.hasSuffix("-c17-2"), id)
    XCTAssertEqual(id, RaySubmissionID(session: key, candidate: "c17", attempt: 2).description)
    let odd = RaySessionKey(name: "my session/ü", identity: "x").prefix
    XCTAssertTrue(odd.hasPrefix("evoprompting-my_session__-"), odd)
    XCTAssertTrue(odd.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, odd)

    // A session folder's key comes from its log's first line and survives reopening the log.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ray-key-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = try EventLog.create(at: folder)
    let before = try RaySessionKey.of(sessionDirectory: folder)
    try log.append(.roundStarted(round: 1))
    XCTAssertEqual(try RaySessionKey.of(sessionDirectory: folder), before)
  }

  func testTheWorkerIdentityRoundTripsAndNamesMismatches() {
    let local = WorkerIdentity.current
    XCTAssertEqual(WorkerIdentity.parse("noise\n" + local.jsonLine + "\n"), local)
    XCTAssertNil(WorkerIdentity.parse("worker --version\n"))
    XCTAssertNil(local.mismatch(with: local, task: "mnist1d"))
    let older = WorkerIdentity(version: "0.0.9", jobFormat: 1, tasks: ["mnist1d"])
    XCTAssertEqual(
      older.mismatch(with: local, task: "mnist1d"),
      "it runs evoprompting 0.0.9 (job format 1), this is \(local.version) (job format \(local.jobFormat))")
    XCTAssertNil(local.mismatch(with: local, task: "clrs:bfs"), "this build trains every CLRS task")
    let mnistOnly = WorkerIdentity(version: local.version, jobFormat: local.jobFormat, tasks: ["mnist1d"])
    XCTAssertEqual(
      mnistOnly.mismatch(with: local, task: "clrs:bfs"),
      "its evoprompting cannot train the task 'clrs:bfs' (it knows: mnist1d)")
  }
}
