import Foundation
import HTTPTestSupport
import ProcessTestSupport
import Sessions
import XCTest

/// The real binary against a loopback OpenAI-compatible server, for what issue 17 found: two writers on one
/// session, a reply that holds itself, malformed replies, a password in the base URL, and a hang-up.
final class ReliabilityEndToEndTests: XCTestCase {
  var binary: String { BuiltBinary.path }

  var work: URL!

  override func setUpWithError() throws {
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      throw XCTSkip("build the evoprompting binary first")
    }
    work = FileManager.default.temporaryDirectory.appendingPathComponent("evo-reliability-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    if let work { try? FileManager.default.removeItem(at: work) }
  }

  /// A small search: one round of one prompt with two samples, short training, one job at a time.
  static let searchFlags = [
    "--model", "scripted", "--rounds", "1", "--prompts", "1", "--samples", "2", "--parents", "2", "--steps", "150",
    "--jobs", "1", "--seed", "3",
  ]

  static func program(init extra: String = "") -> String {
    """
    import torch
    import torch.nn as nn

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
    \(extra.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
            self.fc = nn.Linear(40, 10)

        def forward(self, x):
            return self.fc(x)
    """
  }

  /// The issue's reply (a list that holds itself, printed: valid Python, printed as `[1, [...]]`), and one that
  /// Python itself could not run (comparing two such lists recurses without end).
  static let selfReferencing = [
    program(init: "a = [1]\na.append(a)\nprint(a)"),
    program(init: "a = [1]\na.append(a)\nb = [1]\nb.append(b)\nsame = a == b"),
  ]

  func start(_ arguments: [String], output: URL? = nil) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let file = output ?? work.appendingPathComponent("out-\(UUID().uuidString).txt")
    FileManager.default.createFile(atPath: file.path, contents: nil)
    let handle = try FileHandle(forWritingTo: file)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let file = work.appendingPathComponent("out-\(UUID().uuidString).txt")
    let process = try start(arguments, output: file)
    process.waitUntilExit()
    return (process.terminationStatus, (try? String(contentsOf: file, encoding: .utf8)) ?? "")
  }

  func events(_ session: URL) throws -> [LoggedEvent] { try EventLog.read(at: session).events }

  func testASelfReferencingReplyIsCheckedRetriedRecordedAndResumed() throws {
    // The first reply is cut off (retried like a server error), the second holds both self-referencing programs.
    let server = try ScriptedHTTPServer(lifetime: 240) { _, index in
      index == 0
        ? .respond(status: 200, body: #"{"choices": [ {"index": 0, "mess"#)
        : .respond(status: 200, body: EndToEndSearchTests.chatReply(Self.selfReferencing))
    }
    defer { server.stop() }
    let session = work.appendingPathComponent("self")
    // A password in the base URL must not reach the log.
    let url = server.url("/v1").replacingOccurrences(of: "http://", with: "http://alice:S3cret@")
    let result = try run(
      ["run", "--headless", "--lm", "openai", "--base-url", url, "--session", session.path] + Self.searchFlags)
    XCTAssertEqual(result.status, 0, result.output)
    XCTAssertTrue(result.output.contains("attempt 1/4 failed (malformed reply"), result.output)
    let log = try String(contentsOf: session.appendingPathComponent(EventLog.fileName), encoding: .utf8)
    XCTAssertFalse(log.contains("S3cret"), "the password was recorded")
    XCTAssertTrue(log.contains("\"base_url_credentials\":\"removed\""))

    var state = SessionState(events: try events(session))
    XCTAssertTrue(state.finished)
    XCTAssertEqual(state.languageModelRetryCount, 1)
    XCTAssertEqual(state.candidates["c1"]?.status, .evaluated, "Python prints [1, [...]]; so does the checker")
    XCTAssertEqual(state.candidates["c2"]?.status, .rejected)
    XCTAssertTrue(state.candidates["c2"]?.rejection?.reason.contains("nested more than 1000") == true)

    // As after a crash right after the replies were recorded: resume checks them again and finishes.
    let all = try events(session)
    let cut = try XCTUnwrap(
      all.firstIndex { if case .candidateProposed(let p) = $0.event { p.id == "c2" } else { false } })
    let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
    try (lines.prefix(cut + 2).joined(separator: "\n") + "\n").write(
      to: session.appendingPathComponent(EventLog.fileName), atomically: true, encoding: .utf8)
    let resumed = try run(["resume", session.path, "--headless"])
    XCTAssertEqual(resumed.status, 0, resumed.output)
    state = SessionState(events: try events(session))
    XCTAssertTrue(state.finished)
    XCTAssertEqual(state.candidates["c2"]?.status, .rejected)
    XCTAssertEqual(server.requests.count, 2, "the recorded replies are reused")
  }

  func testAHangUpPausesTheSearchAndTwoResumesNeverShareTheLog() throws {
    let server = try ScriptedHTTPServer(lifetime: 300) { _, _ in
      .respond(
        status: 200,
        body: EndToEndSearchTests.chatReply([
          EndToEndSearchTests.program(hidden: 24), EndToEndSearchTests.program(hidden: 40),
        ]))
    }
    defer { server.stop() }
    // 1. SIGHUP during the seeds' training: treated as a first Ctrl-C. The training in flight finishes (workers
    //    are not hung up), nothing more starts, and the process exits by itself.
    let session = work.appendingPathComponent("hup")
    let search = try start(
      ["run", "--headless", "--lm", "openai", "--base-url", server.url("/v1"), "--session", session.path]
        + Self.searchFlags)
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline,
      !((try? events(session))?.contains { if case .trainingStarted = $0.event { true } else { false } } ?? false)
    {
      usleep(20_000)
    }
    kill(search.processIdentifier, SIGHUP)
    search.waitUntilExit()
    XCTAssertEqual(search.terminationReason, .exit)
    XCTAssertEqual(search.terminationStatus, 0)
    var state = SessionState(events: try events(session))
    XCTAssertFalse(state.finished)
    XCTAssertTrue(state.orderedCandidates.allSatisfy { $0.status != .failed }, "a hang-up must not fail training")
    XCTAssertTrue(state.interruptedTraining.isEmpty, "the training in flight finished before the exit")

    // 2. The same unfinished session resumed once alone, and twice at once from an identical copy.
    let alone = work.appendingPathComponent("alone")
    let twice = work.appendingPathComponent("twice")
    try FileManager.default.copyItem(at: session, to: alone)
    try FileManager.default.copyItem(at: session, to: twice)
    XCTAssertEqual(try run(["resume", alone.path, "--headless"]).status, 0)
    let outputs = [work.appendingPathComponent("first.txt"), work.appendingPathComponent("second.txt")]
    let resumes = try outputs.map { try start(["resume", twice.path, "--headless"], output: $0) }
    for process in resumes { process.waitUntilExit() }
    let statuses = resumes.map(\.terminationStatus)
    XCTAssertEqual(statuses.filter { $0 == 0 }.count, 1, "exactly one resume runs: \(statuses)")
    let loser = try XCTUnwrap(statuses.firstIndex { $0 != 0 })
    let winner = 1 - loser
    let refusal = try String(contentsOf: outputs[loser], encoding: .utf8)
    XCTAssertTrue(
      refusal.contains("in use by another evoprompting process (PID \(resumes[winner].processIdentifier))"), refusal)

    // The log is the one a single resume writes, but for clock readings.
    XCTAssertEqual(try normalizedLog(twice), try normalizedLog(alone))
    state = SessionState(events: try events(twice))
    XCTAssertTrue(state.finished)
    XCTAssertEqual(Set(state.orderedCandidates.map(\.id)).count, state.orderedCandidates.count)
  }

  /// The log's lines with the clock's readings (event times, training durations) removed.
  func normalizedLog(_ session: URL) throws -> [String] {
    let text = try String(contentsOf: session.appendingPathComponent(EventLog.fileName), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
      var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in ["time", "created", "seconds", "milliseconds_per_step"] { object.removeValue(forKey: key) }
      return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
  }

  func testKillingTmuxClosesTheUIAndEndsTheRun() throws {
    guard ShellCommand.run("command -v tmux").output.contains("tmux") else { throw XCTSkip("tmux is not installed") }
    let server = try ScriptedHTTPServer(lifetime: 200) { _, _ in
      .respond(status: 200, body: EndToEndSearchTests.chatReply([EndToEndSearchTests.program(hidden: 24)]))
    }
    defer { server.stop() }
    let session = work.appendingPathComponent("tui")
    let name = "evo-hup-\(ProcessInfo.processInfo.processIdentifier)"
    let command =
      ([binary, "run", "--lm", "openai", "--base-url", server.url("/v1"), "--session", session.path]
      + Self.searchFlags).map(ShellCommand.quote).joined(separator: " ")
    ShellCommand.run("tmux -L \(name) new-session -d -s \(name) -x 120 -y 40 \(ShellCommand.quote(command))")
    defer { ShellCommand.run("tmux -L \(name) kill-server 2>/dev/null") }
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline,
      !((try? events(session))?.contains { if case .trainingStarted = $0.event { true } else { false } } ?? false)
    {
      usleep(50_000)
    }
    // The run's PID is in the session's lock file.
    let pid = try XCTUnwrap(
      Int32(
        try String(contentsOf: session.appendingPathComponent(SessionLock.fileName), encoding: .utf8)
          .trimmingCharacters(in: .whitespacesAndNewlines)))
    ShellCommand.run("tmux -L \(name) kill-server")
    // Alive means running: an exited process whose parent (the killed tmux) is gone may wait as a zombie for a
    // container's init to reap it.
    func alive() -> Bool {
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
      return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
    }
    let exitDeadline = Date().addingTimeInterval(120)
    while Date() < exitDeadline, alive() { usleep(100_000) }
    XCTAssertFalse(alive(), "the run lives on after its terminal is gone")
    let state = SessionState(events: try events(session))
    XCTAssertFalse(state.finished)
    XCTAssertTrue(state.orderedCandidates.allSatisfy { $0.status != .failed })
    // The leader turns zombie while its other threads still exit; the descriptors (and the flock) go with the last
    // of them, a moment later.
    let lockDeadline = Date().addingTimeInterval(10)
    var lock = try? SessionLock.acquire(in: session)
    while lock == nil, Date() < lockDeadline {
      usleep(50_000)
      lock = try? SessionLock.acquire(in: session)
    }
    XCTAssertNotNil(lock, "the lock went with the process")
  }
}
