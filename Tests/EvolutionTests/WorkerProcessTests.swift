import Evolution
import Foundation
import ProcessTestSupport
import Sessions
import Tasks
import XCTest

/// The local executor with the real binary: results, runtime failures and time limits.
final class WorkerProcessTests: XCTestCase {
  var binary: String { BuiltBinary.path }

  func job(_ code: String, steps: Int, timeout: Int = 60) -> EvaluationJob {
    EvaluationJob(
      id: "c1", code: code, task: "mnist1d",
      training: TrainingConfiguration(steps: steps, batchSize: 64, learningRate: 0.01, seed: 0, evaluationInterval: 50),
      memoryMegabytes: 2048, timeoutSeconds: timeout)
  }

  static let mlp = """
    import torch.nn as nn
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = nn.Sequential(nn.Linear(40, 32), nn.ReLU(), nn.Linear(32, 10))
        def forward(self, x):
            return self.net(x)
    """

  func testResultsProgressAndFailures() async throws {
    try Prerequisite.require(
      FileManager.default.isExecutableFile(atPath: binary), "build the evoprompting binary first")
    let executor = LocalExecutor(executable: binary)
    let progress = ProgressLog()
    let outcome = await executor.evaluate(job(Self.mlp, steps: 100)) { progress.append($0) }
    guard case .finished(let result) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(result.params, 40 * 32 + 32 + 32 * 10 + 10)
    XCTAssertGreaterThan(result.validationAccuracy, 0.2)
    XCTAssertEqual(progress.steps, [50, 100])

    // A forward pass that fails at run time (shape mismatch only on the real batch size) is a failure with a reason.
    let broken = Self.mlp.replacingOccurrences(of: "return self.net(x)", with: "return self.net(x.view(16, -1))")
    let failed = await executor.evaluate(job(broken, steps: 100)) { _ in }
    guard case .failed(let reason) = failed else { return XCTFail("\(failed)") }
    XCTAssertFalse(reason.isEmpty)

    // A worker past its wall-time limit is killed: this one is still in its first step.
    let slow = await executor.evaluate(job(Self.deepGRU, steps: 1500, timeout: 1)) { _ in }
    XCTAssertEqual(slow, .failed(reason: "timed out after 1 s"))
  }

  /// A 3,000-layer GRU: few parameters, and seconds per training step, so the time limit kills it before its first
  /// step ends (a pace judged after one step would stop it first, with another reason).
  static let deepGRU = """
    import torch.nn as nn
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.gru = nn.GRU(1, 4, batch_first=True, num_layers=3000)
            self.fc = nn.Linear(160, 10)
        def forward(self, x):
            output, _ = self.gru(x.unsqueeze(2))
            return self.fc(output.reshape(output.shape[0], -1))
    """

  /// A child whose pace cannot finish in time stops once that shows (5% of the limit), with a reason that says so,
  /// instead of holding its round until the limit kills it.
  func testAChildTooSlowForItsTimeLimitStopsEarly() async throws {
    try Prerequisite.require(
      FileManager.default.isExecutableFile(atPath: binary), "build the evoprompting binary first")
    let started = Date()
    let outcome = await LocalExecutor(executable: binary).evaluate(job(Self.mlp, steps: 50_000_000, timeout: 120)) {
      _ in
    }
    guard case .failed(let reason) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertTrue(reason.hasPrefix("too slow to train in time: after 6 s and "), reason)
    XCTAssertTrue(reason.hasSuffix("past the worker's limit of 120 s"), reason)
    XCTAssertLessThan(Date().timeIntervalSince(started), 60)
  }

  /// A worker whose search is gone (killed, crashed) stops within seconds instead of training on for nobody.
  func testAWorkerOutlivingItsSearchStops() throws {
    try Prerequisite.require(
      FileManager.default.isExecutableFile(atPath: binary), "build the evoprompting binary first")
    let jobFile = FileManager.default.temporaryDirectory.appendingPathComponent("orphan-job-\(getpid()).json")
    try job(Self.mlp, steps: 50_000_000, timeout: 600).workerInput().write(to: jobFile)
    defer { try? FileManager.default.removeItem(at: jobFile) }
    // The shell starts the worker, says its pid and ends: the worker is left without the process that started it.
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", "\"$0\" worker < \"$1\" > /dev/null 2>&1 & echo $!; sleep 1", binary, jobFile.path]
    let output = Pipe()
    shell.standardOutput = output
    try shell.run()
    shell.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let pid = try XCTUnwrap(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), text)
    let deadline = Date().addingTimeInterval(15)
    while Self.isRunning(pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
    XCTAssertFalse(Self.isRunning(pid), "the orphaned worker \(pid) still runs")
    if Self.isRunning(pid) { kill(pid, SIGKILL) }
  }

  /// Waiting for a worker costs the search no CPU: Foundation's `waitUntilExit` spun a core for as long as each
  /// worker ran, beside the workers themselves.
  func testWaitingForAWorkerDoesNotSpin() async throws {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("sleeping-worker-\(getpid()).sh")
    try "#!/bin/sh\nsleep 2\n".write(to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    defer { try? FileManager.default.removeItem(at: script) }
    let before = Self.processCPUSeconds()
    let outcome = await LocalExecutor(executable: script.path).evaluate(job(Self.mlp, steps: 10)) { _ in }
    let spent = Self.processCPUSeconds() - before
    guard case .failed = outcome else { return XCTFail("\(outcome)") }
    XCTAssertLessThan(spent, 0.5, "the search spent \(spent) s of CPU waiting 2 s for a worker")
  }

  /// User and system CPU time of this process so far, in seconds.
  static func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
  }

  /// Whether `pid` is a live process (not gone, not a zombie that nobody reaped).
  static func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return false }
    return !stat[stat.index(after: end)...].hasPrefix(" Z")
  }
}

/// Progress points collected from another thread.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var points: [TrainingProgress] = []
  func append(_ point: TrainingProgress) { lock.withLock { points.append(point) } }
  var steps: [Int] { lock.withLock { points.map(\.step) } }
}

extension WorkerProcessTests {
  func testAMissingWorkerExecutableIsAFailureWithItsPath() async {
    let executor = LocalExecutor(executable: "/nonexistent/evoprompting")
    let outcome = await executor.evaluate(job(Self.mlp, steps: 10)) { _ in }
    guard case .failed(let reason) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertTrue(reason.contains("/nonexistent/evoprompting"), reason)
  }
}

/// How a worker ended, classified without a process, and a process that writes what is not a worker message.
final class WorkerEndingTests: XCTestCase {
  private func transcript(_ lines: [String]) -> WorkerTranscript {
    var transcript = WorkerTranscript()
    for line in lines { _ = transcript.read(line) }
    return transcript
  }

  private let result = WorkerMessage.result(
    TrainingFinished(
      id: "c1", params: 10, validationAccuracy: 0.5, testAccuracy: 0.5, seconds: 1, millisecondsPerStep: 1))

  func testAResultWinsHoweverTheProcessEnded() {
    let ending = WorkerEnding(exit: .killedBySignal(SIGSEGV), transcript: transcript([result.jsonLine]))
    guard case .finished(let finished) = ending.outcome else { return XCTFail("\(ending.outcome)") }
    XCTAssertEqual(finished.id, "c1")
  }

  func testFailuresSayHowTheWorkerEnded() {
    XCTAssertEqual(
      WorkerEnding(exit: .timedOut(seconds: 30), transcript: transcript([])).outcome,
      .failed(reason: "timed out after 30 s"))
    XCTAssertEqual(
      WorkerEnding(exit: .exited(status: 1), transcript: transcript([WorkerMessage.error("3:5: bad shape").jsonLine]))
        .outcome,
      .failed(reason: "3:5: bad shape"))
    XCTAssertEqual(
      WorkerEnding(
        exit: .killedBySignal(SIGILL), transcript: transcript([]), standardErrorTail: "a\nb\nFatal error: x\n"
      ).outcome,
      .failed(reason: "the worker crashed with signal \(SIGILL) (a runtime trap): x"))
    XCTAssertEqual(
      WorkerEnding(exit: .killedBySignal(SIGKILL), transcript: transcript([])).outcome,
      .failed(reason: "the worker crashed with signal \(SIGKILL) (killed; out of memory?)"))
  }

  func testOutputThatIsNoMessageIsKeptInTheReason() {
    let lines = ["{\"type\": \"progress\", \"id\": ", "warning: denormal weights", ""]
    let ending = WorkerEnding(exit: .exited(status: 3), transcript: transcript(lines))
    XCTAssertEqual(
      ending.outcome,
      .failed(
        reason:
          "worker exited with status 3 (the worker also wrote: {\"type\": \"progress\", \"id\": | warning: denormal weights)"
      ))
    var many = WorkerTranscript()
    for index in 0..<20 { _ = many.read("line \(index)") }
    XCTAssertEqual(many.unparsedLines, (15..<20).map { "line \($0)" }, "the last lines are kept")
  }

  func testALocalProcessThatWritesNoMessagesFailsWithWhatItWrote() async {
    let executor = LocalExecutor(executable: "/bin/sh", arguments: ["-c", "cat >/dev/null; echo not json; exit 3"])
    let outcome = await executor.evaluate(
      EvaluationJob(
        id: "c1", code: "", task: "mnist1d", training: TrainingConfiguration(), memoryMegabytes: 64, timeoutSeconds: 30)
    ) { _ in }
    XCTAssertEqual(outcome, .failed(reason: "worker exited with status 3 (the worker also wrote: not json)"))
  }

  func testTheJobRoundTripsThroughTheWorkersInput() throws {
    let job = EvaluationJob(
      id: "c7", code: "x = 1\n", task: "mnist1d", training: TrainingConfiguration(steps: 10), memoryMegabytes: 512,
      timeoutSeconds: 60)
    let data = try job.workerInput()
    XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"timeout_seconds\":60"), "snake_case keys")
    XCTAssertEqual(try EvaluationJob(workerInput: data), job)
  }
}
