/// One sample from the embedded model with its token ids and timings.
public struct GenerationResult: Sendable, Equatable {
  /// The prompt's token ids.
  public var promptTokens: [Int]
  /// Generated token ids (end-of-sequence excluded).
  public var tokens: [Int]
  /// Generated text (a matched stop sequence excluded).
  public var text: String
  /// Why the sample ended.
  public var finishReason: FinishReason
  /// Seconds spent evaluating the prompt (shared by every sample of a request; reported on each).
  public var promptSeconds: Double
  /// Seconds spent generating this sample's tokens.
  public var decodeSeconds: Double

  /// Prompt evaluation speed.
  public var promptTokensPerSecond: Double { promptSeconds > 0 ? Double(promptTokens.count) / promptSeconds : 0 }
  /// Decoding speed: generated tokens evaluated per second.
  public var tokensPerSecond: Double { decodeSeconds > 0 ? Double(tokens.count) / decodeSeconds : 0 }
}
