import Foundation
import ProcessTestSupport
import XCTest

/// A researcher's journey through the real binary under tmux (its own `-L` socket): `q` in the detail view goes
/// back to the table, Ctrl-Z gives the shell back and `fg` brings the UI back, and `replay | head` prints lines.
final class TerminalJourneyTests: XCTestCase {
  var binary: String {
    get throws {
      let url = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("evoprompting")
      guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw XCTSkip("evoprompting is not built at \(url.path)")
      }
      return url.path
    }
  }

  var session: String {
    get throws {
      try XCTUnwrap(Bundle.module.url(forResource: "demo-session", withExtension: nil, subdirectory: "Fixtures")).path
    }
  }

  func shell(_ command: String) -> String { ShellCommand.run(command).output }

  func testQInTheDetailCtrlZAndFgAndAPipeOfLines() throws {
    guard shell("command -v tmux").contains("tmux") else { throw XCTSkip("tmux is not installed") }
    guard shell("command -v bash").contains("bash") else { throw XCTSkip("bash is not installed") }
    let binary = try binary, session = try session
    let name = "evo-journey-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    // An interactive shell with job control, as a researcher's terminal has.
    _ = shell("tmux -L \(name) new-session -d -s \(name) -x 100 -y 30 \"env PS1='$ ' bash --norc --noprofile -i\"")
    defer { _ = shell("tmux -L \(name) kill-server 2>/dev/null") }
    func screen() -> String { shell("tmux -L \(name) capture-pane -p -t \(name)") }
    func send(_ keys: String...) {
      _ = shell("tmux -L \(name) send-keys -t \(name) " + keys.map(ShellCommand.quote).joined(separator: " "))
    }
    func waitFor(_ timeout: Double = 20, _ condition: (String) -> Bool) -> String {
      let deadline = Date().addingTimeInterval(timeout)
      var last = screen()
      while !condition(last), Date() < deadline {
        usleep(100_000)
        last = screen()
      }
      XCTAssertTrue(condition(last), "the screen was:\n\(last)")
      return last
    }
    _ = waitFor { $0.contains("$") }
    let replay = "\(ShellCommand.quote(binary)) replay \(ShellCommand.quote(session)) --speed 100000"

    // `replay | head`: standard output is a pipe, standard input the terminal: lines, not a refusal.
    // (Statuses are printed plus 1000, so the typed command line never matches what the test waits for.)
    send("\(replay) | head -3; echo piped $((${PIPESTATUS[0]} + 1000))", "Enter")
    let piped = waitFor { $0.contains("piped 1") }
    XCTAssertTrue(piped.contains("EvoPrompting · mnist1d"), piped)
    XCTAssertTrue(piped.contains("seed s1: cnn"), piped)
    XCTAssertFalse(piped.contains("piped 1002"), "not a usage error:\n\(piped)")
    send("clear", "Enter")

    // Alone on its line: bash would run the rest of a list as soon as the job stops.
    send(replay, "Enter")
    _ = waitFor { $0.contains("replay finished") }
    // Enter opens the first row (the best model), q goes back to the table and does not quit.
    send("Enter")
    _ = waitFor { $0.contains("Candidate s3") && $0.contains("q/Esc close") }
    send("q")
    let table = waitFor { $0.contains("Population 12") && !$0.contains("Candidate s3") }
    XCTAssertFalse(table.contains("exit 1"), "q in the detail closed the detail, not the UI:\n\(table)")

    // Ctrl-Z: the shell takes over and says the job stopped; fg brings the same screen back.
    send("C-z")
    _ = waitFor { $0.contains("Stopped") }
    send("fg", "Enter")
    let back = waitFor { $0.contains("Population 12") && $0.contains("replay finished") }
    XCTAssertFalse(back.contains("exit 1"), back)
    send("q")
    _ = waitFor { $0.hasSuffix("$") || $0.contains("\n$ ") || $0.split(separator: "\n").last == "$" }
    send("echo exit $(($? + 1000))", "Enter")
    let after = waitFor { $0.contains("exit 1") }
    XCTAssertTrue(after.contains("exit 1000"), after)
    send("stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'", "Enter")
    let tty = waitFor { $0.split(separator: "\n").contains { $0 == "icanon" || $0 == "-icanon" } }
    XCTAssertTrue(tty.split(separator: "\n").contains("icanon"), "the terminal is back in canonical mode:\n\(tty)")
  }
}
