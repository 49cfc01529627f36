import Evolution
import Foundation
import LanguageModels
import Sessions
import Synchronization

/// A language model that answers each request from a script, in order, and records the prompts it saw.
final class ScriptedLanguageModel: LanguageModel {
  let name = "scripted"
  private let replies: Mutex<[String]>
  let prompts = Mutex<[String]>([])
  let requests = Mutex<[CompletionRequest]>([])

  /// `replies` are handed out one per sample, in order; when they run out, the last one repeats.
  init(replies: [String]) {
    self.replies = Mutex(replies)
  }

  func complete(_ request: CompletionRequest, onChunk: (@Sendable (CompletionChunk) -> Void)?) async throws
    -> [Completion]
  {
    prompts.withLock { $0.append(request.prompt) }
    requests.withLock { $0.append(request) }
    return (0..<request.sampleCount).map { sample in
      let text = replies.withLock { list in list.count > 1 ? list.removeFirst() : list[0] }
      onChunk?(CompletionChunk(sampleIndex: sample, text: text))
      return Completion(text: text, finishReason: .stopSequence)
    }
  }
}

/// Accepts programs that contain `class`, with the parameter count written as `# params N`; rejects `BAD`.
struct CommentValidator: ProposalValidator {
  func validate(_ code: String) async -> ValidationOutcome {
    if let range = code.range(of: "BAD") {
      let line = code[..<range.lowerBound].filter { $0 == "\n" }.count + 1
      return .invalid(message: "BAD is not supported", line: line, column: 1)
    }
    let params =
      code.components(separatedBy: "# params ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 1000
    let normalized = code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      .joined(separator: "\n")
    return .valid(params: params, fingerprint: String(normalized.hashValue))
  }
}

/// Scores a program by the accuracy written in it as `acc 0.9`, and fails programs containing `CRASH`.
final class CommentExecutor: Executor {
  let evaluated = Mutex<[String]>([])

  func evaluate(_ job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void) async
    -> EvaluationOutcome
  {
    evaluated.withLock { $0.append(job.id) }
    if job.code.contains("CRASH") { return .failed(reason: "worker exited with signal 9 (out of memory?)") }
    progress(
      TrainingProgress(
        id: job.id, step: job.training.steps / 2, steps: job.training.steps, trainLoss: 1, validationAccuracy: nil))
    let accuracy =
      job.code.components(separatedBy: "acc ").dropFirst().first.flatMap {
        Float($0.prefix { $0.isNumber || $0 == "." })
      } ?? 0.6
    let params =
      job.code.components(separatedBy: "# params ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 1000
    return .finished(
      TrainingFinished(
        id: job.id, params: params, validationAccuracy: accuracy, testAccuracy: accuracy - 0.01, seconds: 0.1,
        millisecondsPerStep: 0.1))
  }
}
