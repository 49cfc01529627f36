import Foundation
import HTTPTestSupport
import ProcessTestSupport
import Sessions
import XCTest

/// The researcher's review journey in the real binary under tmux: `a`, `r` and `e` (with a scripted `$EDITOR`) on
/// the first three proposals of a manual-review run against a loopback OpenAI-compatible server.
final class TerminalReviewJourneyTests: XCTestCase {
  var binary: String { BuiltBinary.path }

  func shell(_ command: String) -> String { ShellCommand.run(command).output }

  func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(100_000)
    }
    return condition()
  }

  func testAcceptRejectAndEditInTheReviewQueue() throws {
    try Prerequisite.require(
      FileManager.default.isExecutableFile(atPath: binary), "build the evoprompting binary first")
    try Prerequisite.require(shell("command -v tmux").contains("tmux"), "tmux is not installed")
    let replies = [16, 24, 32].map { EndToEndSearchTests.program(hidden: $0) }
    let server = try ScriptedHTTPServer(lifetime: 200) { _, _ in
      .respond(status: 200, headers: ["Content-Type": "application/json"], body: EndToEndSearchTests.chatReply(replies))
    }
    defer { server.stop() }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("evo-review-tui-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let session = work.appendingPathComponent("session")
    let editor = work.appendingPathComponent("editor.sh")
    // The scripted editor shrinks the hidden layer of the program it is given from 32 to 20.
    try "#!/bin/sh\nsed -i 's/nn.Linear(40, 32)/nn.Linear(40, 20)/; s/nn.Linear(32, 10)/nn.Linear(20, 10)/' \"$1\"\n"
      .write(to: editor, atomically: true, encoding: .utf8)
    _ = shell("chmod +x '\(editor.path)'")
    let name = "evo-review-\(ProcessInfo.processInfo.processIdentifier)"
    let exitFile = work.appendingPathComponent("exit")
    let command = """
      cd '\(work.path)' && EDITOR='\(editor.path)' '\(binary)' run --lm openai --base-url '\(server.url("/v1"))' --model m \
      --review manual --rounds 1 --prompts 1 --samples 3 --parents 2 --steps 200 --session '\(session.path)'; \
      echo $? > '\(exitFile.path)'
      """
    _ = shell(
      "tmux -L \(name) new-session -d -s \(name) -x 120 -y 40 \"\(command.replacingOccurrences(of: "\"", with: "\\\""))\""
    )
    defer { _ = shell("tmux -L \(name) kill-server 2>/dev/null") }

    func state() -> SessionState { SessionState(events: (try? EventLog.read(at: session).events) ?? []) }
    func screen() -> String { shell("tmux -L \(name) capture-pane -p -t \(name)") }
    // Each key once the screen shows the queue it acts on, resent until the queue shrinks: on a loaded machine a
    // key can arrive while the UI is busy and be lost (a known issue of the UI's input loop).
    for (key, pendingBefore) in [("a", 3), ("r", 2), ("e", 1)] {
      XCTAssertTrue(waitFor(120) { screen().contains("Review · \(pendingBefore) pending") }, screen())
      for _ in 0..<5 {
        _ = shell("tmux -L \(name) send-keys -t \(name) \(key)")
        if waitFor(5, { !screen().contains("Review · \(pendingBefore) pending") }) { break }
      }
    }
    XCTAssertTrue(waitFor(120) { state().finished }, screen())
    // q until the run has exited (its exit status is written): like the keys above, one sent while the UI is
    // still drawing the finished run can be lost.
    var exited = false
    for _ in 0..<5 where !exited {
      _ = shell("tmux -L \(name) send-keys -t \(name) q")
      exited = waitFor(5) { FileManager.default.fileExists(atPath: exitFile.path) }
    }
    XCTAssertTrue(exited, shell("tmux -L \(name) capture-pane -p -t \(name)"))
    XCTAssertEqual(
      try String(contentsOf: exitFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "0")

    let report =
      try JSONSerialization.jsonObject(with: Data(shell("'\(binary)' report '\(session.path)' --json").utf8))
      as? [String: Any]
    let candidates = try XCTUnwrap(report?["candidates"] as? [[String: Any]])
    func field(_ id: String, _ key: String) -> Any? { candidates.first { $0["id"] as? String == id }?[key] }
    XCTAssertEqual(field("c1", "status") as? String, "evaluated")
    XCTAssertEqual(field("c2", "status") as? String, "rejected")
    XCTAssertTrue((field("c2", "reason") as? String ?? "").contains("review"))
    XCTAssertEqual(field("c3", "status") as? String, "evaluated")
    XCTAssertEqual(field("c3", "edited") as? Bool, true)
    XCTAssertEqual(field("c3", "params") as? Int, 40 * 20 + 20 + 20 * 10 + 10, "the edited program is the one trained")
  }
}
