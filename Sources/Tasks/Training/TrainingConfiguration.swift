import EvoTensor
import MemberwiseInit

/// How to train a classifier: steps, batch size, optimizer and seed.
@MemberwiseInit
public struct TrainingConfiguration: Sendable, Codable, Equatable {
  /// The optimizers a run can choose, with PyTorch semantics.
  public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    case adam, adamw, sgd
  }

  public var steps: Int = 8000
  public var batchSize: Int = 128
  public var learningRate: Float = 0.01
  public var optimizer: OptimizerKind = .adam
  /// L2 (Adam, SGD) or decoupled (AdamW) weight decay; nil takes the optimizer's PyTorch default.
  public var weightDecay: Float?
  /// SGD momentum.
  public var momentum: Float = 0.9
  public var seed: UInt64 = 0
  /// Evaluate on the validation set every this many steps (and at the end).
  public var evaluationInterval: Int = 500

  /// Builds the configured optimizer over `parameters`.
  public func makeOptimizer(_ parameters: [Tensor]) -> any Optimizer {
    switch optimizer {
    case .adam: Adam(parameters, learningRate: learningRate, weightDecay: weightDecay ?? 0)
    case .adamw: Adam.adamW(parameters, learningRate: learningRate, weightDecay: weightDecay ?? 0.01)
    case .sgd: SGD(parameters, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay ?? 0)
    }
  }
}
