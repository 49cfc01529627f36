import ArgumentParser
import Evolution
import Foundation
import LanguageModels

extension LMCommand {
  /// `evoprompting lm generate`: complete a prompt file with the embedded model.
  struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generate",
      abstract: "Complete a prompt with the embedded model (no chat template; BOS only if the GGUF asks)."
    )

    @OptionGroup var input: EmbeddedPromptOptions

    @Flag(help: "Always take the most likely token.")
    var greedy = false

    @Option(help: "Sampling temperature.")
    var temperature: Float = 0.8

    @Option(name: .customLong("top-k"), help: "Keep only the k most likely tokens (0: off).")
    var topK: Int = 0

    @Option(name: .customLong("top-p"), help: "Nucleus sampling mass (1: off).")
    var topP: Float = 1

    @Option(name: .customLong("min-p"), help: "Drop tokens below this fraction of the best one's probability.")
    var minP: Float = 0

    @Option(name: .customLong("repeat-penalty"), help: "Repetition penalty (1: off).")
    var repeatPenalty: Float = 1

    @Option(help: "Sampling seed.")
    var seed: UInt64 = 0

    @Option(name: .customLong("max-tokens"), help: "Most tokens to generate.")
    var maxTokens: Int = 128

    @Option(name: .customLong("stop"), help: "Stop before this string (repeatable).")
    var stopSequences: [String] = []

    @Flag(name: .customLong("ignore-eos"), help: "Keep generating past end-of-sequence tokens.")
    var ignoreEOS = false

    @Flag(help: "Print one JSON line instead of streaming the text.")
    var json = false

    @Flag(help: "Also measure where decoding and prompt time go (blocks, attention, output projection, sampling).")
    var profile = false

    /// The JSON line this command prints.
    struct Report: Encodable {
      let promptTokens: [Int]
      let tokens: [Int]
      let text: String
      let finishReason: String
      let tokensPerSecond: Double
      let promptTokensPerSecond: Double
      let promptSeconds: Double
      let profile: [String: Double]?
      let promptProfile: [String: Double]?

      enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case tokens, text
        case finishReason = "finish_reason"
        case tokensPerSecond = "tokens_per_second"
        case promptTokensPerSecond = "prompt_tokens_per_second"
        case promptSeconds = "prompt_seconds"
        case profile
        case promptProfile = "prompt_profile"
      }
    }

    func validate() throws {
      try SettingRule<Float>.temperature.check(temperature, flag: "temperature")
      try SettingRule<Int>.within(0...1_000_000).check(topK, flag: "top-k")
      try SettingRule<Float>.fraction.check(topP, flag: "top-p")
      try SettingRule<Float>.within(0...1).check(minP, flag: "min-p")
      try SettingRule<Float>.positive(atMost: 10).check(repeatPenalty, flag: "repeat-penalty")
      try SettingRule<Int>.tokenCount.check(maxTokens, flag: "max-tokens")
    }

    func run() async throws {
      let (language, prompt) = try input.load()
      let parameters = SamplingParameters(
        temperature: greedy ? 0 : temperature, topK: topK, topP: topP, minP: minP, repetitionPenalty: repeatPenalty,
        seed: seed, maxTokens: maxTokens, stopSequences: stopSequences, ignoreEndOfSequence: ignoreEOS)
      let streamText = !json
      let measured = profile ? ForwardProfile() : nil
      let promptMeasured = profile ? ForwardProfile() : nil
      let results = try language.generate(
        promptTokens: language.tokenize(prompt), parameters: parameters, profile: measured,
        promptProfile: promptMeasured,
        onToken: { _, _, text in
          if streamText {
            FileHandle.standardOutput.write(Data(text.utf8))
          }
        })
      let result = results[0]
      if json {
        print(
          try JSONLine.encode(
            Report(
              promptTokens: result.promptTokens, tokens: result.tokens, text: result.text,
              finishReason: result.finishReason.rawValue, tokensPerSecond: result.tokensPerSecond,
              promptTokensPerSecond: result.promptTokensPerSecond, promptSeconds: result.promptSeconds,
              profile: measured.map { Self.shares($0, decodeSeconds: result.decodeSeconds) },
              promptProfile: promptMeasured.map { Self.shares($0, decodeSeconds: result.promptSeconds) })))
      } else {
        print("")
        let stats = String(
          format: "[%d prompt tokens at %.1f tok/s, %d generated at %.1f tok/s, %@]", result.promptTokens.count,
          result.promptTokensPerSecond, result.tokens.count, result.tokensPerSecond, result.finishReason.rawValue)
        FileHandle.standardError.write(Data((stats + "\n").utf8))
        if let measured {
          let shares = Self.shares(measured, decodeSeconds: result.decodeSeconds)
          let line = String(
            format: "[decoding: blocks %.0f%%, output projection %.0f%%, sampling %.0f%%]",
            100 * shares["blocks_share"]!, 100 * shares["output_projection_share"]!, 100 * shares["sampling_share"]!)
          FileHandle.standardError.write(Data((line + "\n").utf8))
        }
      }
    }

    /// Seconds and shares of a phase's time (decoding, or the prompt's processing).
    static func shares(_ profile: ForwardProfile, decodeSeconds: Double) -> [String: Double] {
      let total = max(decodeSeconds, 1e-9)
      return [
        "seconds": decodeSeconds, "blocks_seconds": profile.blockSeconds,
        "attention_seconds": profile.attentionSeconds, "attention_share": profile.attentionSeconds / total,
        "output_projection_seconds": profile.outputSeconds, "sampling_seconds": profile.samplingSeconds,
        "blocks_share": profile.blockSeconds / total, "output_projection_share": profile.outputSeconds / total,
        "sampling_share": profile.samplingSeconds / total,
      ]
    }
  }
}
