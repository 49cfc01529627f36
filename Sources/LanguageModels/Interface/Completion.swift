import MemberwiseInit

/// One finished sample.
@MemberwiseInit
public struct Completion: Sendable, Equatable {
  /// The generated text (without the prompt and without a matched stop sequence).
  public var text: String
  /// Generated token ids, when the backend exposes them (empty otherwise).
  public var tokens: [Int] = []
  /// Why the sample ended.
  public var finishReason: FinishReason
  /// Prompt length in tokens, when known.
  public var promptTokenCount: Int?
  /// Decoding speed of this sample in tokens per second, when measured.
  public var tokensPerSecond: Double?
}
