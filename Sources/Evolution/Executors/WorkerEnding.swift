import Foundation
import Sessions

/// What a worker left behind, whichever executor ran it: the lines it wrote and how its process ended. `outcome`
/// classifies it: a result wins; otherwise the time limit, the error the worker reported, or how it died, with
/// whatever it wrote that was not a message, so no output is lost from the failure's reason.
public struct WorkerEnding: Sendable, Equatable {
  /// How the worker's process ended.
  public enum Exit: Sendable, Equatable {
    case exited(status: Int32)
    case killedBySignal(Int32)
    /// Stopped by the executor at its wall-time limit.
    case timedOut(seconds: Int)
  }

  public var exit: Exit
  /// What the worker's lines said (`WorkerTranscript`).
  public var transcript: WorkerTranscript
  /// The end of the worker's standard error (a runtime trap's message, a backtrace).
  public var standardErrorTail: String

  public init(exit: Exit, transcript: WorkerTranscript, standardErrorTail: String = "") {
    self.exit = exit
    self.transcript = transcript
    self.standardErrorTail = standardErrorTail
  }

  /// The evaluation's outcome.
  public var outcome: EvaluationOutcome {
    if let result = transcript.result { return .finished(result) }
    return .failed(reason: failureReason + unparsedOutputNote)
  }

  private var failureReason: String {
    let lastLines = standardErrorTail.split(separator: "\n").suffix(3).joined(separator: " | ")
    let detail = lastLines.isEmpty ? "" : ": \(lastLines)"
    switch (exit, transcript.reportedError) {
    case (.timedOut(let seconds), _):
      return "timed out after \(seconds) s"
    case (_, let message?):
      return message
    case (.killedBySignal(let signal), nil):
      let hint =
        signal == SIGKILL
        ? " (killed; out of memory?)" : signal == SIGILL || signal == SIGTRAP ? " (a runtime trap)" : ""
      return "worker died of signal \(signal)\(hint)\(detail)"
    case (.exited(let status), nil):
      return "worker exited with status \(status)\(detail)"
    }
  }

  /// Output that was not a worker message, said after the reason (a print from the runtime, a truncated line).
  private var unparsedOutputNote: String {
    guard !transcript.unparsedLines.isEmpty else { return "" }
    let text = transcript.unparsedLines.joined(separator: " | ")
    return " (the worker also wrote: \(text.count > 500 ? "…" + text.suffix(500) : text[...]))"
  }
}

/// The lines a worker wrote on its standard output, read one at a time as they arrive.
public struct WorkerTranscript: Sendable, Equatable {
  /// Lines kept that are not worker messages (the last ones).
  static let keptUnparsedLines = 5

  public private(set) var result: TrainingFinished?
  public private(set) var reportedError: String?
  /// Lines that are not worker messages, the last `keptUnparsedLines` of them.
  public private(set) var unparsedLines: [String] = []

  public init() {}

  /// Reads one line (without its newline); returns the progress it reports, for the caller to pass on.
  public mutating func read(_ line: String) -> TrainingProgress? {
    switch WorkerMessage.parse(line) {
    case .progress(let point): return point
    case .result(let finished): result = finished
    case .error(let message): reportedError = message
    case nil:
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else { return nil }
      unparsedLines.append(String(trimmed.prefix(300)))
      if unparsedLines.count > Self.keptUnparsedLines { unparsedLines.removeFirst() }
    }
    return nil
  }
}
