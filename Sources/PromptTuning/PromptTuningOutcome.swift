import LanguageModels

/// The result of one training run: the learned soft prompt and how the loss went.
public struct PromptTuningOutcome: Sendable {
  /// The trained soft prompt.
  public var softPrompt: SoftPrompt
  /// Mean training loss (nats per completion token) of each Adam step's batch.
  public var lossCurve: [Float]
  /// Wall-clock seconds spent training.
  public var seconds: Double
}
