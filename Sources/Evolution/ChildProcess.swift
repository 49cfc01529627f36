import Foundation
import Synchronization

/// One run of a child process to its end: `input` on its standard input, its standard output collected, the start
/// and end of its standard error kept (a crash report's message comes first, then a backtrace that can run to
/// megabytes), and a wall-clock limit after which it gets SIGTERM, then SIGKILL.
struct ChildProcess {
  struct Outcome: Sendable {
    /// The exit status, or the signal's number when `signal` is set.
    var status: Int32
    /// Whether a signal ended the process.
    var signalled: Bool
    var output: Data
    /// The first 16 KB and the last 2 KB of standard error.
    var errorHead: String
    var errorTail: String
    var timedOut: Bool
  }

  var executable: String
  var arguments: [String]

  /// Runs the process; nil and a reason when it cannot be started.
  func run(input: Data, timeoutSeconds: Double, outputLimit: Int = 16 << 20) async -> Result<Outcome, StartFailure> {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      return .failure(StartFailure(description: "\(executable) is not an executable file"))
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    return await withCheckedContinuation { (continuation: CheckedContinuation<Result<Outcome, StartFailure>, Never>) in
      let output = Mutex(Data())
      let errors = Mutex((head: Data(), tail: Data()))
      let timedOut = Mutex(false)
      let group = DispatchGroup()
      group.enter()
      DispatchQueue.global().async {
        let handle = stdout.fileHandleForReading
        while true {
          let chunk = handle.availableData
          if chunk.isEmpty { break }
          output.withLock { if $0.count < outputLimit { $0.append(chunk) } }
        }
        group.leave()
      }
      group.enter()
      DispatchQueue.global().async {
        let handle = stderr.fileHandleForReading
        while true {
          let chunk = handle.availableData
          if chunk.isEmpty { break }
          errors.withLock { kept in
            if kept.head.count < 16 << 10 { kept.head.append(chunk.prefix((16 << 10) - kept.head.count)) }
            kept.tail.append(chunk)
            if kept.tail.count > 2 << 10 { kept.tail = kept.tail.suffix(2 << 10) }
          }
        }
        group.leave()
      }
      do {
        try process.run()
      } catch {
        try? stdout.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()
        continuation.resume(returning: .failure(StartFailure(description: error.localizedDescription)))
        return
      }
      let pid = process.processIdentifier
      DispatchQueue.global().async {
        // A child that exits without reading its input must not kill us with SIGPIPE: Foundation ignores it.
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
      }
      DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) {
        guard process.isRunning else { return }
        timedOut.withLock { $0 = true }
        kill(pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { if process.isRunning { kill(pid, SIGKILL) } }
      }
      DispatchQueue.global().async {
        process.waitUntilExit()
        group.wait()
        let kept = errors.withLock { $0 }
        continuation.resume(
          returning: .success(
            Outcome(
              status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
              output: output.withLock { $0 }, errorHead: String(decoding: kept.head, as: UTF8.self),
              errorTail: String(decoding: kept.tail, as: UTF8.self), timedOut: timedOut.withLock { $0 })))
      }
    }
  }

  struct StartFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// A sentence for a process that a signal ended: the runtime's own message when its report has one
  /// (`Fatal error: Index out of range`, `Swift runtime failure: precondition failure`), and the signal.
  static func crashDescription(signal: Int32, errorHead: String, errorTail: String) -> String {
    let hint: String
    switch signal {
    case SIGKILL: hint = "killed (out of memory?)"
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
