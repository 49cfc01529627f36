/// The model's view of a given continuation of a prompt, one entry per continuation token.
public struct ContinuationScore: Sendable, Equatable {
  /// The prompt's token ids.
  public var promptTokens: [Int]
  /// `argmax[j]`: the most likely token of the distribution that predicts continuation token `j`.
  public var argmax: [Int]
  /// `logProbabilities[j]`: natural-log probability of continuation token `j` under that distribution.
  public var logProbabilities: [Float]
}
