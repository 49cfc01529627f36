import EvoTensor

/// How to train a classifier: steps, batch size, optimizer and seed.
public struct TrainingConfiguration: Sendable, Codable, Equatable {
  /// The optimizers a run can choose, with PyTorch semantics.
  public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    case adam, adamw, sgd
  }

  public var steps: Int
  public var batchSize: Int
  public var learningRate: Float
  public var optimizer: OptimizerKind
  /// L2 (Adam, SGD) or decoupled (AdamW) weight decay; nil takes the optimizer's PyTorch default.
  public var weightDecay: Float?
  /// SGD momentum.
  public var momentum: Float
  public var seed: UInt64
  /// Evaluate on the validation set every this many steps (and at the end).
  public var evaluationInterval: Int

  public init(
    steps: Int = 8000, batchSize: Int = 128, learningRate: Float = 0.01, optimizer: OptimizerKind = .adam,
    weightDecay: Float? = nil, momentum: Float = 0.9, seed: UInt64 = 0, evaluationInterval: Int = 500
  ) {
    self.steps = steps
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.optimizer = optimizer
    self.weightDecay = weightDecay
    self.momentum = momentum
    self.seed = seed
    self.evaluationInterval = evaluationInterval
  }

  /// Builds the configured optimizer over `parameters`.
  public func makeOptimizer(_ parameters: [Tensor]) -> any Optimizer {
    switch optimizer {
    case .adam: Adam(parameters, learningRate: learningRate, weightDecay: weightDecay ?? 0)
    case .adamw: Adam.adamW(parameters, learningRate: learningRate, weightDecay: weightDecay ?? 0.01)
    case .sgd: SGD(parameters, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay ?? 0)
    }
  }
}
