/// One finished sample.
public struct Completion: Sendable, Equatable {
  /// The generated text (without the prompt and without a matched stop sequence).
  public var text: String
  /// Generated token ids, when the backend exposes them (empty otherwise).
  public var tokens: [Int]
  /// Why the sample ended.
  public var finishReason: FinishReason
  /// Prompt length in tokens, when known.
  public var promptTokenCount: Int?
  /// Decoding speed of this sample in tokens per second, when measured.
  public var tokensPerSecond: Double?

  public init(
    text: String, tokens: [Int] = [], finishReason: FinishReason, promptTokenCount: Int? = nil,
    tokensPerSecond: Double? = nil
  ) {
    self.text = text
    self.tokens = tokens
    self.finishReason = finishReason
    self.promptTokenCount = promptTokenCount
    self.tokensPerSecond = tokensPerSecond
  }
}
