import Foundation
import Sessions
import Synchronization

/// Trains each candidate in its own `evoprompting worker` process, so a candidate that crashes, runs out of
/// memory or hangs costs only itself: the job goes in on standard input, progress and the result come back as
/// JSON lines, and a worker past its time limit is killed.
public struct WorkerProcessEvaluator: Evaluator {
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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    guard let jobData = try? encoder.encode(job) else { return .failed(reason: "cannot encode the training job") }

    return await withCheckedContinuation { (continuation: CheckedContinuation<EvaluationOutcome, Never>) in
      let result = Mutex<TrainingFinished?>(nil)
      let reported = Mutex<String?>(nil)
      let timedOut = Mutex(false)
      let group = DispatchGroup()

      group.enter()
      DispatchQueue.global().async {
        // Lines of progress and the result, parsed as they arrive.
        var buffer = Data()
        let handle = output.fileHandleForReading
        while true {
          let chunk = handle.availableData
          if chunk.isEmpty { break }
          buffer.append(chunk)
          while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex...newline)
            switch WorkerMessage.parse(line) {
            case .progress(let point): progress(point)
            case .result(let finished): result.withLock { $0 = finished }
            case .error(let message): reported.withLock { $0 = message }
            case nil: continue
            }
          }
        }
        group.leave()
      }
      // A crash report's message comes first and its backtrace (megabytes for a deep stack) after it: keep both
      // ends, not everything.
      let stderrLock = Mutex((head: Data(), tail: Data()))
      group.enter()
      DispatchQueue.global().async {
        let handle = errors.fileHandleForReading
        while true {
          let chunk = handle.availableData
          if chunk.isEmpty { break }
          stderrLock.withLock { kept in
            if kept.head.count < 16 << 10 { kept.head.append(chunk.prefix((16 << 10) - kept.head.count)) }
            kept.tail.append(chunk)
            if kept.tail.count > 2000 { kept.tail = kept.tail.suffix(2000) }
          }
        }
        group.leave()
      }

      do {
        try process.run()
      } catch {
        // Nobody will write to the pipes: close them so the two readers see the end and finish.
        try? output.fileHandleForWriting.close()
        try? errors.fileHandleForWriting.close()
        continuation.resume(
          returning: .failed(reason: "cannot start the worker \(executable): \(error.localizedDescription)"))
        return
      }
      let pid = process.processIdentifier
      input.fileHandleForWriting.write(jobData)
      try? input.fileHandleForWriting.close()

      // The wall-time limit: TERM, then KILL if it does not go.
      DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(job.timeoutSeconds)) {
        guard process.isRunning else { return }
        timedOut.withLock { $0 = true }
        kill(pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { if process.isRunning { kill(pid, SIGKILL) } }
      }

      DispatchQueue.global().async {
        process.waitUntilExit()
        group.wait()
        let kept = stderrLock.withLock { $0 }
        let lastLines = String(decoding: kept.tail, as: UTF8.self).split(separator: "\n").suffix(3)
          .joined(separator: " | ")
        if let finished = result.withLock({ $0 }) {
          continuation.resume(returning: .finished(finished))
        } else if timedOut.withLock({ $0 }) {
          continuation.resume(returning: .failed(reason: "timed out after \(job.timeoutSeconds) s"))
        } else if let message = reported.withLock({ $0 }) {
          continuation.resume(returning: .failed(reason: message))
        } else if process.terminationReason == .uncaughtSignal {
          // The runtime's message, not the tail of a backtrace.
          let crash = ChildProcess.crashDescription(
            signal: process.terminationStatus, errorHead: String(decoding: kept.head, as: UTF8.self),
            errorTail: String(decoding: kept.tail, as: UTF8.self))
          continuation.resume(returning: .failed(reason: "the worker \(crash)"))
        } else {
          continuation.resume(
            returning: .failed(
              reason: "worker exited with status \(process.terminationStatus)"
                + (lastLines.isEmpty ? "" : ": \(lastLines)")))
        }
      }
    }
  }
}
