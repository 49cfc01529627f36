import Foundation
import Sessions
import XCTest

/// `docs/session-log.md` documents every event type of `session.jsonl` and every field each one writes.
final class SessionLogDocumentationTests: XCTestCase {
  /// One event of every type, every optional field set.
  static let everyEvent: [SessionEvent] = [
    .runConfigured(
      RunConfigured(task: "mnist1d", languageModel: ["backend": "embedded"], settings: ["rounds": "2"], seed: 7)),
    .candidateProposed(
      CandidateProposed(
        id: "c1", round: 1, origin: .proposal, parents: ["s1"], code: "x = 1", rawText: "x = 1", promptIndex: 0,
        sampleIndex: 0, temperature: 0.6, constrained: true, name: "cnn", carried: ["ResidualBlock"])),
    .languageModelRetried(
      LanguageModelRetried(round: 1, promptIndex: 0, attempt: 1, maxAttempts: 4, delaySeconds: 3, reason: "HTTP 503")),
    .roundStarted(round: 1),
    .promptBuilt(PromptBuilt(round: 1, index: 0, parents: ["s1"], text: "prompt", temperature: 0.6, samples: 2)),
    .proposalValidated(
      ProposalValidated(
        id: "c1", params: 123, fingerprint: "abc", repairedCode: "y = 1",
        repairs: ["3:9: in_features 512 -> 125, the size of its input"])),
    .proposalRejected(
      ProposalRejected(id: "c1", kind: .duplicate, reason: "bad", line: 3, column: 7, duplicateOf: "s1")),
    .reviewDecided(ReviewDecided(id: "c1", decision: .edited, code: "y = 2", note: "smaller")),
    .trainingStarted(id: "c1", attempt: 1),
    .trainingProgress(TrainingProgress(id: "c1", step: 10, steps: 100, trainLoss: 1.5, validationAccuracy: 0.5)),
    .trainingFinished(
      TrainingFinished(
        id: "c1", params: 123, validationAccuracy: 0.9, testAccuracy: 0.88, seconds: 1.5, millisecondsPerStep: 0.4)),
    .trainingFailed(id: "c2", reason: "killed"),
    .parentsSelected(ParentsSelected(round: 1, parents: ["c1"], retired: ["s1"])),
    .promptTuningFinished(
      PromptTuningFinished(round: 1, lossCurve: [2], softPrompt: "soft-prompts/round-1.bin", seconds: 3)),
    .roundFinished(round: 1),
    .runResumed(interruptedTraining: ["c3"]),
    .runFinished(best: "c1"),
    .jobSubmitted(
      JobSubmission(id: "c1", attempt: 2, submissionId: "evoprompting-x-c1-2", executor: "ray http://h:8265")),
    .jobReattached(
      JobSubmission(
        id: "c1", attempt: 1, submissionId: "evoprompting-x-c1-1", executor: "ray http://h:8265", status: "RUNNING")),
    .jobLost(
      JobLost(id: "c1", submissionId: "evoprompting-x-c1-1", executor: "ray http://h:8265", reason: "node died")),
    .executorUnreachable(ExecutorUnreachable(executor: "ray http://h:8265", reason: "HTTP 503", retryInSeconds: 1)),
    .executorReachable(executor: "ray http://h:8265"),
  ]

  /// A new kind of event stops this from compiling: add it to `everyEvent` and to `docs/session-log.md`.
  private func isListed(_ event: SessionEvent) -> Bool {
    switch event {
    case .runConfigured, .candidateProposed, .roundStarted, .promptBuilt, .proposalValidated, .proposalRejected,
      .reviewDecided, .trainingStarted, .trainingProgress, .trainingFinished, .trainingFailed, .parentsSelected,
      .promptTuningFinished, .roundFinished, .runResumed, .runFinished, .languageModelRetried, .jobSubmitted,
      .jobReattached, .jobLost, .executorUnreachable, .executorReachable:
      true
    }
  }

  /// The document's sections, keyed by event type (`### \`type\``), with their text.
  private func documentedSections() throws -> [String: String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("docs/session-log.md"), encoding: .utf8)
    var sections: [String: String] = [:]
    for part in text.components(separatedBy: "\n### `").dropFirst() {
      let type = String(part.prefix { $0 != "`" })
      sections[type] = String(part.drop { $0 != "\n" })
    }
    return sections
  }

  func testEveryEventTypeAndFieldIsDocumented() throws {
    XCTAssertTrue(Self.everyEvent.allSatisfy(isListed))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-doc-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = try EventLog.create(at: folder)
    for event in Self.everyEvent { try log.append(event) }
    let lines = try String(contentsOf: folder.appendingPathComponent(EventLog.fileName), encoding: .utf8)
      .split(separator: "\n").dropFirst()
    let sections = try documentedSections()
    var types: Set<String> = []
    for line in lines {
      let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let type = try XCTUnwrap(object["type"] as? String)
      types.insert(type)
      guard let section = sections[type] else {
        XCTFail("docs/session-log.md has no section for `\(type)`")
        continue
      }
      for key in object.keys where !["seq", "time", "type"].contains(key) {
        XCTAssertTrue(section.contains("`\(key)`"), "`\(type)`'s field `\(key)` is not documented")
      }
    }
    XCTAssertEqual(Set(sections.keys), types, "every documented type is one the log writes")
  }
}
