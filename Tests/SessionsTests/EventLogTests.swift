import Foundation
import Sessions
import XCTest

final class EventLogTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-session-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  static let sampleEvents: [SessionEvent] = [
    .runConfigured(
      RunConfigured(task: "mnist1d", languageModel: ["backend": "replay"], settings: ["rounds": "2"], seed: 7)),
    .candidateProposed(
      CandidateProposed(id: "s1", round: 0, origin: .seed, parents: [], code: "import torch\n", name: "cnn")),
    .roundStarted(round: 1),
    .promptBuilt(
      PromptBuilt(round: 1, index: 0, parents: ["s1"], text: "prompt \"quoted\"\n", temperature: 0.6, samples: 2)),
    .candidateProposed(
      CandidateProposed(
        id: "c1", round: 1, origin: .proposal, parents: ["s1"], code: "x = 1", rawText: "```python\nx = 1\n```",
        promptIndex: 0, sampleIndex: 0, temperature: 0.6, constrained: false)),
    .proposalValidated(ProposalValidated(id: "c1", params: 123, fingerprint: "abc")),
    .proposalRejected(ProposalRejected(id: "c1", kind: .invalid, reason: "bad", line: 3, column: 7)),
    .reviewDecided(ReviewDecided(id: "c1", decision: .edited, code: "y = 2", note: nil)),
    .trainingStarted(id: "c1", attempt: 1),
    .executorUnreachable(ExecutorUnreachable(executor: "ray http://h:8265", reason: "HTTP 503", retryInSeconds: 0.5)),
    .executorReachable(executor: "ray http://h:8265"),
    .jobSubmitted(
      JobSubmission(id: "c1", attempt: 1, submissionId: "evoprompting-s-c1-1", executor: "ray http://h:8265")),
    .jobLost(
      JobLost(id: "c1", submissionId: "evoprompting-s-c1-1", executor: "ray http://h:8265", reason: "node died")),
    .jobSubmitted(
      JobSubmission(id: "c1", attempt: 2, submissionId: "evoprompting-s-c1-2", executor: "ray http://h:8265")),
    .jobReattached(
      JobSubmission(
        id: "c1", attempt: 2, submissionId: "evoprompting-s-c1-2", executor: "ray http://h:8265", status: "RUNNING")),
    .trainingProgress(TrainingProgress(id: "c1", step: 10, steps: 100, trainLoss: 1.5, validationAccuracy: nil)),
    .trainingFinished(
      TrainingFinished(
        id: "c1", params: 123, validationAccuracy: 0.9, testAccuracy: 0.88, seconds: 1.5, millisecondsPerStep: 0.4)),
    .trainingFailed(id: "c2", reason: "killed: out of memory"),
    .parentsSelected(ParentsSelected(round: 1, parents: ["c1"], retired: ["s1"])),
    .promptTuningFinished(
      PromptTuningFinished(round: 1, lossCurve: [2, 1.5], softPrompt: "soft/round1.bin", seconds: 3)),
    .roundFinished(round: 1),
    .runResumed(interruptedTraining: ["c3"]),
    .runFinished(best: "c1"),
  ]

  func testEveryEventRoundTripsThroughTheFile() throws {
    let log = try EventLog.create(at: folder)
    for event in Self.sampleEvents { try log.append(event) }
    let contents = try EventLog.read(at: folder)
    XCTAssertNil(contents.recoveredTail)
    XCTAssertEqual(contents.events.map(\.event), Self.sampleEvents)
    XCTAssertEqual(contents.events.map(\.sequence), Array(1...Self.sampleEvents.count))
    let text = try String(contentsOf: folder.appendingPathComponent("session.jsonl"), encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("{\"format\":1,"))
    XCTAssertTrue(text.contains("\"type\":\"candidate_proposed\""))
    XCTAssertTrue(text.contains("\"language_model\""))
    XCTAssertTrue(
      text.contains(
        "\"attempt\":2,\"executor\":\"ray http://h:8265\",\"id\":\"c1\",\"seq\":14,"
          + "\"submission_id\":\"evoprompting-s-c1-2\",\"time\":"), text)
  }

  func testAClusterExecutorsEventsFoldIntoTheCandidateAndTheOutage() {
    var state = SessionState(events: [])
    for event in Self.sampleEvents.prefix(10) { state.apply(event) }
    XCTAssertEqual(state.executorOutage?.reason, "HTTP 503")
    state.apply(Self.sampleEvents[10])
    XCTAssertNil(state.executorOutage)
    for event in Self.sampleEvents[11..<15] { state.apply(event) }
    // The retry after the lost job is a second job; finding that job again after a resume is not a third.
    XCTAssertEqual(state.candidates["c1"]?.submissions, ["evoprompting-s-c1-1", "evoprompting-s-c1-2"])
    XCTAssertEqual(state.lostJobCount, 1)
  }

  func testCreatingTwiceIsRefused() throws {
    _ = try EventLog.create(at: folder)
    XCTAssertThrowsError(try EventLog.create(at: folder)) { error in
      XCTAssertTrue("\(error)".contains("resume"))
    }
  }

  func testTruncatedLastLineIsReportedAndCutBeforeAppending() throws {
    do {  // the writer ends (as a crashed run does) before the log is reopened
      let log = try EventLog.create(at: folder)
      for event in Self.sampleEvents.prefix(3) { try log.append(event) }
    }
    let file = folder.appendingPathComponent("session.jsonl")
    let handle = try FileHandle(forWritingTo: file)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("{\"seq\":4,\"time\":1,\"type\":\"round_st".utf8))
    try handle.close()

    let (reopened, events) = try EventLog.open(at: folder)
    XCTAssertEqual(events.count, 3)
    XCTAssertEqual(reopened.recoveredTail, "{\"seq\":4,\"time\":1,\"type\":\"round_st")
    let appended = try reopened.append(.roundFinished(round: 1))
    XCTAssertEqual(appended.sequence, 4)
    let contents = try EventLog.read(at: folder)
    XCTAssertNil(contents.recoveredTail)
    XCTAssertEqual(contents.events.last?.event, .roundFinished(round: 1))
  }

  func testCorruptLineInTheMiddleIsAnErrorWithItsLineNumber() throws {
    do {  // the writer ends before the log is reopened
      let log = try EventLog.create(at: folder)
      for event in Self.sampleEvents.prefix(3) { try log.append(event) }
    }
    let file = folder.appendingPathComponent("session.jsonl")
    var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    lines[2] = "{\"seq\": 2, \"garbage"
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    let before = try Data(contentsOf: file)
    XCTAssertThrowsError(try EventLog.open(at: folder)) { error in
      XCTAssertTrue("\(error)".contains("session.jsonl:3"), "\(error)")
    }
    XCTAssertEqual(try Data(contentsOf: file), before, "a damaged session is never modified")
  }

  func testMissingFolderAndForeignFilesGiveClearErrors() throws {
    XCTAssertThrowsError(try EventLog.read(at: folder)) { XCTAssertTrue("\($0)".contains("no session log")) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "hello\n".write(to: folder.appendingPathComponent("session.jsonl"), atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try EventLog.read(at: folder)) { XCTAssertTrue("\($0)".contains(":1:")) }
    try "{\"format\":99}\n".write(to: folder.appendingPathComponent("session.jsonl"), atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try EventLog.read(at: folder)) { XCTAssertTrue("\($0)".contains("format 99")) }
  }
}
