import Foundation
import Sessions
import Synchronization

/// Trains each candidate in its own `evoprompting worker` process on this machine, so a candidate that crashes,
/// runs out of memory or hangs costs only itself: the job goes in on standard input, progress and the result come
/// back as JSON lines (`WorkerTranscript`), and a worker past its time limit is killed. How the worker ended is
/// classified by `WorkerEnding`, as for any executor.
public struct LocalExecutor: Executor {
  /// The `evoprompting` executable (this program itself in the product).
  public var executable: String
  /// Arguments that select worker mode.
  public var arguments: [String]

  public init(executable: String, arguments: [String] = ["worker"]) {
    self.executable = executable
    self.arguments = arguments
  }

  public func evaluate(_ job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void) async
    -> EvaluationOutcome
  {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      return .failed(reason: "cannot start the worker: \(executable) is not an executable file")
    }
    let input: Data
    do { input = try job.workerInput() } catch { return .failed(reason: "cannot encode the training job: \(error)") }
    let transcript = Shared(WorkerTranscript())
    let process = WorkerProcess(executable: executable, arguments: arguments, timeoutSeconds: job.timeoutSeconds)
    let ended = await process.run(input: input) { line in
      if let point = transcript.withLock({ $0.read(line) }) { progress(point) }
    }
    switch ended {
    case .failure(let failure):
      return .failed(reason: failure.description)
    case .success(let (exit, standardErrorTail)):
      return WorkerEnding(exit: exit, transcript: transcript.withLock { $0 }, standardErrorTail: standardErrorTail)
        .outcome
    }
  }
}

/// One run of a worker process: the input written to its standard input, each line of its standard output handed
/// over as it arrives, the end of its standard error kept, and the wall-time limit enforced (TERM, then KILL).
struct WorkerProcess {
  var executable: String
  var arguments: [String]
  var timeoutSeconds: Int

  /// Why a worker process could not be started.
  struct StartFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs the process to its end; `onLine` is called on a reader thread, in order, for each output line.
  func run(input: Data, onLine: @escaping @Sendable (String) -> Void) async
    -> Result<(WorkerEnding.Exit, standardErrorTail: String), StartFailure>
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    let readers = DispatchGroup()
    Self.readLines(from: stdout.fileHandleForReading, group: readers, onLine: onLine)
    let errorTail = Self.readTail(from: stderr.fileHandleForReading, group: readers)
    do {
      try process.run()
    } catch {
      // Nobody will write to the pipes: close them so the readers see the end and finish.
      try? stdout.fileHandleForWriting.close()
      try? stderr.fileHandleForWriting.close()
      return .failure(StartFailure(description: "cannot start the worker \(executable): \(error.localizedDescription)"))
    }
    stdin.fileHandleForWriting.write(input)
    try? stdin.fileHandleForWriting.close()
    let timedOut = enforceTimeLimit(on: process)
    return await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        process.waitUntilExit()
        readers.wait()
        let exit: WorkerEnding.Exit =
          timedOut.withLock { $0 }
          ? .timedOut(seconds: timeoutSeconds)
          : process.terminationReason == .uncaughtSignal
            ? .killedBySignal(process.terminationStatus) : .exited(status: process.terminationStatus)
        let tail = String(decoding: errorTail.withLock { $0 }, as: UTF8.self)
        continuation.resume(returning: .success((exit, standardErrorTail: tail)))
      }
    }
  }

  /// After `timeoutSeconds`, TERM, then KILL if the process does not go; whether it had to.
  private func enforceTimeLimit(on process: Process) -> Shared<Bool> {
    let timedOut = Shared(false)
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds)) {
      guard process.isRunning else { return }
      timedOut.withLock { $0 = true }
      kill(pid, SIGTERM)
      DispatchQueue.global().asyncAfter(deadline: .now() + 2) { if process.isRunning { kill(pid, SIGKILL) } }
    }
    return timedOut
  }

  /// Hands over each line of `handle` as it arrives, until the end.
  private static func readLines(
    from handle: FileHandle, group: DispatchGroup, onLine: @escaping @Sendable (String) -> Void
  ) {
    group.enter()
    DispatchQueue.global().async {
      var buffer = Data()
      while case let chunk = handle.availableData, !chunk.isEmpty {
        buffer.append(chunk)
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
          onLine(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
          buffer.removeSubrange(buffer.startIndex...newline)
        }
      }
      // A last line without a newline (a worker killed mid-write) is still output.
      if !buffer.isEmpty { onLine(String(decoding: buffer, as: UTF8.self)) }
      group.leave()
    }
  }

  /// The last 2,000 bytes of `handle`, once it ends.
  private static func readTail(from handle: FileHandle, group: DispatchGroup) -> Shared<Data> {
    let tail = Shared(Data())
    group.enter()
    DispatchQueue.global().async {
      let data = handle.readDataToEndOfFile()
      tail.withLock { $0 = data.suffix(2000) }
      group.leave()
    }
    return tail
  }
}

/// A value a worker's reader threads share with the task that waits for them.
final class Shared<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  init(_ value: Value) { mutex = Mutex(value) }

  func withLock<Result>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}
