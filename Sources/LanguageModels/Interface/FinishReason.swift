/// Why a sample stopped.
public enum FinishReason: String, Sendable, Codable, Equatable {
  /// The model produced an end-of-sequence token.
  case endOfSequence = "eos"
  /// A stop sequence appeared.
  case stopSequence = "stop"
  /// `maxTokens` was reached, or the context filled up.
  case length
}
