import Foundation
import Synchronization

/// One run of a child process to its end: `input` on its standard input; its standard output collected, or handed
/// over line by line as it arrives (`onLine`); the start and end of its standard error kept (a crash report's message
/// comes first, then a backtrace that can run to megabytes); and a wall-clock limit after which it gets SIGTERM,
/// then SIGKILL. Training workers and the proposal checker both run this way.
struct ChildProcess {
  struct Outcome: Sendable {
    var exit: WorkerEnding.Exit
    /// Standard output, up to the run's limit (empty when it was handed over line by line).
    var output: Data
    /// The first 16 KB and the last 2 KB of standard error.
    var errorHead: String
    var errorTail: String
  }

  var executable: String
  var arguments: [String]

  /// Runs the process; a reason when it cannot be started. With `onLine`, each output line is handed over (on a
  /// reader thread, in order) instead of being collected.
  func run(
    input: Data, timeoutSeconds: Int, outputLimit: Int = 16 << 20,
    onLine: (@Sendable (String) -> Void)? = nil
  ) async -> Result<Outcome, StartFailure> {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      return .failure(StartFailure(description: "\(executable) is not an executable file"))
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    // Foundation's `waitUntilExit` spins its thread's run loop, which has nothing to wait on here: it held a core
    // for as long as the child ran, beside the very workers it waited for. The termination handler is a real wait.
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    let (stdin, stdout, stderr, started) = Self.spawn(process)
    let readers = DispatchGroup()
    let output = Self.read(stdout.fileHandleForReading, group: readers, limit: outputLimit, onLine: onLine)
    let errors = Self.readEnds(of: stderr.fileHandleForReading, group: readers)
    do {
      try started.get()
    } catch {
      // Nobody will write to the pipes: close them so the readers see the end and finish.
      try? stdout.fileHandleForWriting.close()
      try? stderr.fileHandleForWriting.close()
      return .failure(StartFailure(description: "cannot start \(executable): \(error.localizedDescription)"))
    }
    Self.onOwnThread {
      // A child that exits without reading its input must not kill us with SIGPIPE: Foundation ignores it.
      stdin.fileHandleForWriting.write(input)
      try? stdin.fileHandleForWriting.close()
    }
    let timedOut = Self.enforce(timeoutSeconds, on: process)
    return await withCheckedContinuation { continuation in
      Self.onOwnThread {
        exited.wait()
        readers.wait()
        let exit: WorkerEnding.Exit =
          timedOut.withLock { $0 }
          ? .timedOut(seconds: timeoutSeconds)
          : process.terminationReason == .uncaughtSignal
            ? .killedBySignal(process.terminationStatus) : .exited(status: process.terminationStatus)
        let kept = errors.withLock { $0 }
        continuation.resume(
          returning: .success(
            Outcome(
              exit: exit, output: output.withLock { $0 }, errorHead: String(decoding: kept.head, as: UTF8.self),
              errorTail: String(decoding: kept.tail, as: UTF8.self))))
      }
    }
  }

  /// Serialises starts, so that no child starts between another start's pipes being made and marked close-on-exec.
  private static let spawnLock = NSLock()

  /// Starts `process` on three new pipes whose descriptors no other child inherits: each is marked close-on-exec (the
  /// child's own ends are duplicated onto 0, 1 and 2, which clears the mark). Without it, a worker started while
  /// another's pipes were open inherits them, and holds that worker's standard input open (it waits for the end of
  /// its job until the first worker exits) and its output (the search waits for its end as long): workers that
  /// should train side by side run one after the other.
  private static func spawn(_ process: Process) -> (
    stdin: Pipe, stdout: Pipe, stderr: Pipe, started: Result<Void, any Error>
  ) {
    spawnLock.withLock {
      let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
      for pipe in [stdin, stdout, stderr] {
        for handle in [pipe.fileHandleForReading, pipe.fileHandleForWriting] {
          _ = fcntl(handle.fileDescriptor, F_SETFD, fcntl(handle.fileDescriptor, F_GETFD) | FD_CLOEXEC)
        }
      }
      process.standardInput = stdin
      process.standardOutput = stdout
      process.standardError = stderr
      return (stdin, stdout, stderr, Result { try process.run() })
    }
  }

  /// Runs `work`, which blocks (a read of a pipe, a wait for the child), on a thread of its own. On the dispatch
  /// pool such work can take every thread it grants: with two workers training, their output readers waited for a
  /// thread while the workers filled their pipes, and the search saw no progress for minutes.
  private static func onOwnThread(_ work: @escaping @Sendable () -> Void) {
    let thread = Thread(block: work)
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// After `seconds`, TERM, then KILL if the process does not go; whether it had to.
  private static func enforce(_ seconds: Int, on process: Process) -> Shared<Bool> {
    let timedOut = Shared(false)
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) {
      guard process.isRunning else { return }
      timedOut.withLock { $0 = true }
      kill(pid, SIGTERM)
      DispatchQueue.global().asyncAfter(deadline: .now() + 2) { if process.isRunning { kill(pid, SIGKILL) } }
    }
    return timedOut
  }

  /// Reads `handle` to its end: each line to `onLine` as it arrives, or (without it) up to `limit` bytes kept.
  private static func read(
    _ handle: FileHandle, group: DispatchGroup, limit: Int, onLine: (@Sendable (String) -> Void)?
  ) -> Shared<Data> {
    let kept = Shared(Data())
    group.enter()
    Self.onOwnThread {
      var buffer = Data()
      while case let chunk = handle.availableData, !chunk.isEmpty {
        guard let onLine else {
          kept.withLock { if $0.count < limit { $0.append(chunk.prefix(limit - $0.count)) } }
          continue
        }
        buffer.append(chunk)
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
          onLine(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
          buffer.removeSubrange(buffer.startIndex...newline)
        }
      }
      // A last line without a newline (a worker killed mid-write) is still output.
      if let onLine, !buffer.isEmpty { onLine(String(decoding: buffer, as: UTF8.self)) }
      group.leave()
    }
    return kept
  }

  /// The first 16 KB and the last 2 KB of `handle`, once it ends.
  private static func readEnds(of handle: FileHandle, group: DispatchGroup) -> Shared<(head: Data, tail: Data)> {
    let ends = Shared((head: Data(), tail: Data()))
    group.enter()
    Self.onOwnThread {
      while case let chunk = handle.availableData, !chunk.isEmpty {
        ends.withLock { kept in
          if kept.head.count < 16 << 10 { kept.head.append(chunk.prefix((16 << 10) - kept.head.count)) }
          kept.tail.append(chunk)
          if kept.tail.count > 2 << 10 { kept.tail = kept.tail.suffix(2 << 10) }
        }
      }
      group.leave()
    }
    return ends
  }

  struct StartFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// A sentence for a process that a signal ended: the runtime's own message when its report has one
  /// (`Fatal error: Index out of range`, `Swift runtime failure: precondition failure`), and the signal.
  static func crashDescription(signal: Int32, errorHead: String, errorTail: String) -> String {
    let hint: String
    switch signal {
    case SIGKILL: hint = "killed; out of memory?"
    case SIGILL, SIGTRAP: hint = "a runtime trap"
    case SIGSEGV, SIGBUS: hint = "a bad memory access"
    case SIGABRT: hint = "aborted"
    default: hint = "signal \(signal)"
    }
    let message = runtimeMessage(in: errorHead) ?? runtimeMessage(in: errorTail)
    return "crashed with signal \(signal) (\(hint))" + (message.map { ": \($0)" } ?? "")
  }

  /// The crash message of a Swift runtime report, without the frames of its backtrace.
  static func runtimeMessage(in text: String) -> String? {
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let range = trimmed.range(of: "Fatal error: ") { return String(trimmed[range.upperBound...]) }
      for marker in ["*** Swift runtime failure: ", "*** Program crashed: "] where trimmed.hasPrefix(marker) {
        return String(trimmed.dropFirst(marker.count)).replacingOccurrences(of: " ***", with: "")
      }
    }
    return nil
  }
}

/// A value the reader threads of a child process share with the task that waits for them.
final class Shared<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  init(_ value: Value) { mutex = Mutex(value) }

  func withLock<Result>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}
