/// One program sampled with constrained decoding.
public struct ConstrainedProposal: Sendable, Equatable {
  /// The whole program (opening included); the text reached so far when `finished` is false.
  public var code: String
  /// Whether the program reached a `return` in `Model.forward` that passed the full check.
  public var finished: Bool
  /// Why it did not finish (retry budget spent, token limit, dead end).
  public var failure: String?
  /// Tokens sampled, including those of discarded lines.
  public var sampledTokens: Int
  /// Tokens in the final program text.
  public var programTokens: Int
  /// Lines resampled after a failed check or a dead end.
  public var backtracks: Int
  /// Fresh starts made (1 when the first attempt finished or was the only one).
  public var attempts: Int = 1
  /// Seconds spent sampling (model evaluation, filtering, checks), prompt excluded.
  public var decodeSeconds: Double
  /// Seconds spent evaluating the prompt.
  public var promptSeconds: Double
  /// What the finished program computes (`CandidateReport.functionFingerprint`); nil when it did not finish or the
  /// contract's check gives none.
  public var functionFingerprint: String? = nil
  /// Finished programs rewritten because they computed what a program of `distinctFrom` computes.
  public var copiesRewritten = 0

  /// Sampled tokens per second of decoding.
  public var tokensPerSecond: Double { decodeSeconds > 0 ? Double(sampledTokens) / decodeSeconds : 0 }
}
