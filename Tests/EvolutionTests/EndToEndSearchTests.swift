import Foundation
import HTTPTestSupport
import ProcessTestSupport
import Sessions
import XCTest

/// The real `evoprompting` binary searching against an OpenAI-compatible server on loopback: proposals that are
/// valid, code-less, invalid and duplicated; the run killed with SIGKILL mid-round and resumed.
final class EndToEndSearchTests: XCTestCase {
  static func program(hidden: Int, comment: String = "") -> String {
    """
    import torch
    import torch.nn as nn

    class Model(nn.Module):\(comment)
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(40, \(hidden))
            self.fc2 = nn.Linear(\(hidden), 10)

        def forward(self, x):
            return self.fc2(torch.relu(self.fc1(x)))
    """
  }

  /// Two choices per request, in the order the search asks.
  static let replies: [[String]] = [
    ["Here is a smaller model:\n```python\n\(program(hidden: 32))\n```", "I am not able to write that model."],
    [
      program(hidden: 48).replacingOccurrences(of: "nn.Linear(40, 48)", with: "nn.Conv2d(40, 48, 3)"),
      String(
        program(hidden: 48).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).joined(
          separator: "\n")),
    ],
    ["```python\n\(program(hidden: 32, comment: "  # the same model, reformatted"))\n```", program(hidden: 64)],
    [program(hidden: 24), program(hidden: 40)],
  ]

  static func chatReply(_ texts: [String]) -> String {
    let choices = texts.enumerated().map { index, text -> [String: Any] in
      ["index": index, "message": ["role": "assistant", "content": text], "finish_reason": "stop"]
    }
    let body: [String: Any] = ["id": "x", "object": "chat.completion", "model": "scripted", "choices": choices]
    return String(decoding: try! JSONSerialization.data(withJSONObject: body), as: UTF8.self)
  }

  var binary: String { BuiltBinary.path }

  func runBinary(_ arguments: [String]) throws -> (status: Int32, output: String) { try BuiltBinary.run(arguments) }

  func testSearchAgainstLoopbackServerSurvivesSIGKILLAndResumes() throws {
    try Prerequisite.require(
      FileManager.default.isExecutableFile(atPath: binary), "build the evoprompting binary first")
    let server = try ScriptedHTTPServer(lifetime: 240) { request, index in
      guard request.path.hasSuffix("/chat/completions") else { return .respond(status: 404, body: "{}") }
      return .respond(
        status: 200, headers: ["Content-Type": "application/json"],
        body: Self.chatReply(Self.replies[index % Self.replies.count]))
    }
    defer { server.stop() }
    let session = FileManager.default.temporaryDirectory.appendingPathComponent("evo-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: session) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
      "run", "--headless", "--lm", "openai", "--base-url", server.url("/v1"), "--model", "scripted", "--session",
      session.path,
      "--rounds", "2", "--prompts", "2", "--samples", "2", "--parents", "2", "--steps", "1500", "--jobs", "1", "--seed",
      "1",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()

    // Kill the search as soon as round 2's first training has been recorded.
    let deadline = Date().addingTimeInterval(180)
    var killedMidTraining = false
    while process.isRunning && Date() < deadline {
      if let contents = try? EventLog.read(at: session) {
        let state = SessionState(events: contents.events)
        if state.orderedCandidates.contains(where: { $0.round == 2 && $0.status == .training }) {
          kill(process.processIdentifier, SIGKILL)
          killedMidTraining = true
          break
        }
      }
      usleep(5_000)
    }
    process.waitUntilExit()
    XCTAssertTrue(killedMidTraining, "the search finished or stalled before round 2 trained")
    let beforeResume = try EventLog.read(at: session).events

    let resumed = try runBinary(["resume", session.path, "--headless"])
    XCTAssertEqual(resumed.status, 0, resumed.output)
    XCTAssertTrue(resumed.output.contains("resumed"), resumed.output)

    let report = try runBinary(["report", session.path, "--json"])
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
    XCTAssertEqual(json["finished"] as? Bool, true)
    XCTAssertEqual(json["rounds_completed"] as? Int, 2)
    let candidates = try XCTUnwrap(json["candidates"] as? [[String: Any]])
    func status(_ id: String) -> String? { candidates.first { $0["id"] as? String == id }?["status"] as? String }
    func reason(_ id: String) -> String { candidates.first { $0["id"] as? String == id }?["reason"] as? String ?? "" }
    XCTAssertEqual(status("c1"), "evaluated", "a fenced chat reply is trained")
    XCTAssertEqual(status("c2"), "rejected")
    XCTAssertTrue(reason("c2").contains("no program"), reason("c2"))
    XCTAssertEqual(status("c3"), "rejected")
    XCTAssertTrue(reason("c3").contains("Conv2d"), reason("c3"))
    XCTAssertTrue(reason("c3").hasPrefix("line "), "rejections say where: \(reason("c3"))")
    XCTAssertEqual(status("c4"), "evaluated", "a raw continuation without imports is completed and trained")
    XCTAssertEqual(status("c5"), "duplicate", "a reformatted copy of c1 is a duplicate")
    XCTAssertEqual(status("c6"), "evaluated")
    XCTAssertEqual(status("c7"), "evaluated")
    XCTAssertEqual(status("c8"), "evaluated")

    // Nothing finished before the kill was trained again; everything else finished exactly once.
    let events = try EventLog.read(at: session).events
    let finishedBefore = Set(
      beforeResume.compactMap { if case .trainingFinished(let r) = $0.event { r.id } else { nil } })
    var finishedCount: [String: Int] = [:]
    for event in events { if case .trainingFinished(let r) = event.event { finishedCount[r.id, default: 0] += 1 } }
    XCTAssertTrue(finishedCount.values.allSatisfy { $0 == 1 }, "\(finishedCount)")
    XCTAssertTrue(finishedBefore.isSubset(of: Set(finishedCount.keys)))
    XCTAssertEqual(server.requests.count, 4, "recorded prompts and replies are reused, not asked again")
    XCTAssertTrue(server.requests.allSatisfy { $0.json["model"]?.stringValue == "scripted" })
    let messages = server.requests[0].json["messages"]
    XCTAssertEqual(messages?[0]?["role"]?.stringValue, "system", "chat models are told what to reply with")
    XCTAssertTrue(
      messages?[1]?["content"]?.stringValue?.contains("'num_params'") ?? false,
      "the few-shot prompt is the user message")
  }
}
