/// One sample from the embedded model with its token ids and timings.
public struct GenerationResult: Sendable, Equatable {
  public var promptTokens: [Int]
  public var tokens: [Int]
  public var text: String
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
