import Foundation
import ProcessTestSupport
import Sessions
import TerminalUI
import XCTest

/// The recorded demo session (a real `run --headless --preset quick --rounds 2`) through the replay machinery
/// and through the built `evoprompting replay` binary, headless and under tmux.
final class ReplayEndToEndTests: XCTestCase {
  var sessionDirectory: URL {
    get throws {
      try XCTUnwrap(Bundle.module.url(forResource: "demo-session", withExtension: nil, subdirectory: "Fixtures"))
    }
  }

  /// The `evoprompting` binary built beside the test bundle, or a skip.
  var binary: URL {
    get throws {
      let url = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("evoprompting")
      try Prerequisite.require(
        FileManager.default.isExecutableFile(atPath: url.path), "evoprompting is not built at \(url.path)")
      return url
    }
  }

  func testTheRecordedSessionReplaysToItsFinalState() throws {
    let contents = try EventLog.read(at: sessionDirectory)
    var player = ReplayPlayer(events: contents.events, speed: 1_000_000)
    _ = player.advance(wallSeconds: 1_000)
    XCTAssertTrue(player.isFinished)
    XCTAssertTrue(player.state.finished)
    XCTAssertEqual(player.state.best?.id, "s3")
    XCTAssertEqual(player.state.recordedBest, "s3")
    var model = UIModel(mode: .replay)
    model.replay = player.status
    model.logLines = player.replyLog()
    let frame = FrameRenderer.render(model, player.state, width: 120, height: 40)
    XCTAssertTrue(frame.text.contains("Population 12"), frame.text)
    XCTAssertTrue(frame.text.contains("replay finished"))
    XCTAssertTrue(frame.text.contains("s3★"), "the best candidate is starred")
  }

  /// Runs a program to its end and returns its status and output (see `ShellCommand` for why not `Process`).
  func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let result = ShellCommand.run(([executable.path] + arguments).map(ShellCommand.quote).joined(separator: " "))
    return (result.status, result.output)
  }

  func testHeadlessReplayPrintsTheRunAndExitsZero() throws {
    let (status, output) = try run(binary, ["replay", try sessionDirectory.path, "--headless", "--speed", "1000000"])
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(output.contains("seed s1: cnn"), output)
    XCTAssertTrue(output.contains("── round 2/2"), output)
    XCTAssertTrue(
      output.hasSuffix(
        "replay finished: 53 events, 12 candidates, 2 rounds · best s3 (fittest with val error < 0.5)\n"),
      output)
  }

  func testReplayUnderTmuxDrawsResizesAndQuitsCleanly() throws {
    let tmux = URL(fileURLWithPath: "/usr/bin/tmux")
    try Prerequisite.require(FileManager.default.isExecutableFile(atPath: tmux.path), "tmux is not installed")
    let binary = try binary.path, session = try sessionDirectory.path
    let name = "evo-tui-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    // After the UI exits, print its status and whether the terminal is back in canonical (line) mode.
    let script =
      "'\(binary)' replay '\(session)' --speed 100000; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; sleep 60"
    _ = try run(tmux, ["-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", script])
    defer { _ = try? run(tmux, ["-L", name, "kill-server"]) }
    func screen() throws -> String { try run(tmux, ["-L", name, "capture-pane", "-p", "-t", name]).output }
    func waitFor(_ text: String, timeout: Double = 15) throws -> String {
      let deadline = Date().addingTimeInterval(timeout)
      var last = ""
      while Date() < deadline {
        last = try screen()
        if last.contains(text) { return last }
        Thread.sleep(forTimeInterval: 0.1)
      }
      XCTFail("'\(text)' never appeared; the screen was:\n\(last)")
      return last
    }
    let finished = try waitFor("replay finished")
    XCTAssertTrue(finished.contains("Population 12"), finished)
    XCTAssertTrue(finished.contains("event 53/53"), finished)
    _ = try run(tmux, ["-L", name, "send-keys", "-t", name, "?"])
    _ = try waitFor("step back one event")
    _ = try run(tmux, ["-L", name, "send-keys", "-t", name, "Escape"])
    _ = try run(tmux, ["-L", name, "resize-window", "-t", name, "-x", "40", "-y", "10"])
    _ = try waitFor("terminal too small")
    _ = try run(tmux, ["-L", name, "resize-window", "-t", name, "-x", "90", "-y", "30"])
    _ = try waitFor("Population 12")
    _ = try run(tmux, ["-L", name, "send-keys", "-t", name, "q"])
    let after = try waitFor("icanon")
    XCTAssertTrue(after.contains("EXIT=0"), after)
    XCTAssertTrue(after.split(separator: "\n").contains("icanon"), "the terminal is back in canonical mode:\n\(after)")
  }

  func testTheTerminalIsRestoredWhenTheUIIsKilled() throws {
    let tmux = URL(fileURLWithPath: "/usr/bin/tmux")
    try Prerequisite.require(FileManager.default.isExecutableFile(atPath: tmux.path), "tmux is not installed")
    let binary = try binary.path, session = try sessionDirectory.path
    try Prerequisite.require(FileManager.default.isExecutableFile(atPath: "/usr/bin/pgrep"), "pgrep is not installed")
    let name = "evo-tui-kill-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let script =
      "'\(binary)' replay '\(session)' --speed 100000; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; sleep 60"
    _ = try run(tmux, ["-L", name, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", script])
    defer { _ = try? run(tmux, ["-L", name, "kill-server"]) }
    let deadline = Date().addingTimeInterval(15)
    var screen = ""
    while Date() < deadline, !screen.contains("replay finished") {
      screen = try run(tmux, ["-L", name, "capture-pane", "-p", "-t", name]).output
      Thread.sleep(forTimeInterval: 0.1)
    }
    XCTAssertTrue(screen.contains("replay finished"), screen)
    // The pane's shell runs the UI as its only child: kill exactly that process.
    let shell = try run(tmux, ["-L", name, "display-message", "-p", "-t", name, "#{pane_pid}"]).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let child = try run(URL(fileURLWithPath: "/usr/bin/pgrep"), ["-P", shell]).output.split(separator: "\n").first.map(
      String.init)
    let pid = try XCTUnwrap(child.flatMap { Int32($0) }, "no UI process under the pane's shell \(shell)")
    XCTAssertEqual(kill(pid, SIGTERM), 0)
    var after = ""
    let end = Date().addingTimeInterval(15)
    while Date() < end, !after.contains("icanon") {
      after = try run(tmux, ["-L", name, "capture-pane", "-p", "-t", name]).output
      Thread.sleep(forTimeInterval: 0.1)
    }
    XCTAssertTrue(after.contains("EXIT=143"), "killed by SIGTERM (128 + 15):\n\(after)")
    XCTAssertTrue(
      after.split(separator: "\n").contains("icanon"), "the signal handler restored the terminal:\n\(after)")
  }
}
