import MemberwiseInit

/// A request for `sampleCount` independent continuations of one prompt.
@MemberwiseInit
public struct CompletionRequest: Sendable, Equatable {
  /// The full prompt text (any chat template already applied; special tokens written as text are parsed).
  public var prompt: String
  /// Number of independent samples.
  public var sampleCount: Int = 1
  /// Sampling and stopping rules shared by every sample.
  public var parameters: SamplingParameters = SamplingParameters()
  /// Programs no reply may compute: function fingerprints (`CompiledModel.functionFingerprint`), each with the
  /// name of the candidate that has it. Constrained decoding rewrites a program that would finish as one of them;
  /// a backend that writes free text cannot, and ignores it.
  public var distinctFrom: [String: String] = [:]
}
