/// A request for `sampleCount` independent continuations of one prompt.
public struct CompletionRequest: Sendable, Equatable {
  /// The full prompt text (any chat template already applied; special tokens written as text are parsed).
  public var prompt: String
  /// Number of independent samples.
  public var sampleCount: Int
  /// Sampling and stopping rules shared by every sample.
  public var parameters: SamplingParameters

  public init(prompt: String, sampleCount: Int = 1, parameters: SamplingParameters = SamplingParameters()) {
    self.prompt = prompt
    self.sampleCount = sampleCount
    self.parameters = parameters
  }
}
