/// Hyperparameters of soft prompt-tuning; the defaults are those of Lester et al. (2021) where they apply.
public struct PromptTuningSettings: Sendable, Equatable, Codable {
  /// Number of learned virtual tokens.
  public var promptLength = 16
  /// Passes over the training examples.
  public var epochs = 5
  /// Examples per Adam step (gradients accumulated one example at a time).
  public var batchSize = 16
  /// Adam's learning rate. The paper's 0.3 was for Adafactor, whose steps scale with the parameters' RMS; SmolLM2's
  /// embeddings have an RMS of 0.14, and Adam at 0.1 grows the prompt to about 4 times that within 20 steps. On the
  /// MNIST-1D pairs (13 train, 7 held out, 5 epochs) 0.01 and 0.03 did as well as 0.1 at batch 4 and, at batch 1,
  /// cut held-out NLL by 9.4% (lr 0.03, 5 epochs) and 10.0% (lr 0.03, 8 epochs: 1.175 to 1.057 nats per token).
  public var learningRate: Float = 0.1
  /// Seed of the example order.
  public var seed: UInt64 = 0
  /// Prompt tokens kept before the completion (the last ones); nil keeps all. Time and memory grow with the
  /// square of the context in attention, so long few-shot prompts are cut for training.
  public var maxPromptTokens: Int? = 384
  /// Completion tokens scored (the first ones); nil keeps all.
  public var maxCompletionTokens: Int? = 384
  /// Text whose first `promptLength` tokens' embeddings initialise the soft prompt (repeated when shorter).
  public var initializationText =
    "Write a new, better PyTorch model for the task: a complete nn.Module class with fewer parameters and higher validation accuracy than the examples above."

  public init() {}
}
