import ArgumentParser
import Evolution
import Foundation
import LanguageModels

extension LMCommand {
  /// `evoprompting lm score`: feed a prompt and a given continuation, report the model's prediction at each step.
  struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "score",
      abstract: "Score a token continuation of a prompt: per-step argmax and log-probability."
    )

    @OptionGroup var input: EmbeddedPromptOptions

    @Option(help: "Comma-separated continuation token ids.")
    var tokens: String

    @Flag(help: "Print one JSON line.")
    var json = false

    /// The JSON line this command prints.
    struct Report: Encodable {
      let promptTokens: [Int]
      let tokens: [Int]
      let argmax: [Int]
      let logprobs: [Float]

      enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case tokens, argmax, logprobs
      }
    }

    func run() async throws {
      let (language, prompt) = try input.load()
      let continuation = try tokens.split(separator: ",").map { piece -> Int in
        guard let id = Int(piece.trimmingCharacters(in: .whitespaces)) else {
          throw ValidationError("--tokens must be comma-separated integers, got \(piece)")
        }
        return id
      }
      let score = try language.score(prompt: prompt, continuation: continuation)
      let report = Report(
        promptTokens: score.promptTokens, tokens: continuation, argmax: score.argmax, logprobs: score.logProbabilities)
      if json {
        print(try JSONLine.encode(report))
      } else {
        print("prompt tokens: \(score.promptTokens.count)")
        for (j, token) in continuation.enumerated() {
          print("\(j)\t\(token)\targmax \(score.argmax[j])\tlogprob \(score.logProbabilities[j])")
        }
      }
    }
  }
}
