import MemberwiseInit

/// Named settings of `clrs train`.
public enum CLRSTrainingPreset: String, Sendable, Codable, CaseIterable {
  /// Ibarz et al. (2022)'s single-task setup, as dm-clrs's run.py defaults: H 128, batch 32, training sizes
  /// 4/7/11/13/16, validation on 64 graphs of 16 nodes every 50 steps, 10,000 steps, test on 32 graphs of 64 nodes.
  case paper
  /// A laptop-sized setting for searches and quick comparisons: H 32, batch 16, training sizes 4/7/11, validation on
  /// 64 graphs of 11 nodes every 50 steps, 1,000 steps, test on 32 graphs of 32 nodes (out of distribution, as the
  /// paper's test is). A child trains in about two minutes on two cores; see README for why these numbers.
  case proxy
}

/// Everything `CLRSTrainer` needs: the data (`CLRSDataSettings`), the network's width and the optimisation.
@MemberwiseInit
public struct CLRSTrainingSettings: Sendable, Equatable, Codable {
  public var data: CLRSDataSettings
  /// The hidden size H (node, edge and graph features, and the processor's output).
  public var hidden: Int
  /// F, the triplet function's feature count (`nb_triplet_fts`).
  public var tripletFeatures: Int = 8
  public var steps: Int
  /// Score the validation set every this many steps (and at step 0); the best score's parameters are kept.
  public var evaluationInterval: Int = 50
  /// Adam's learning rate (dm-clrs: 1e-3, constant).
  public var learningRate: Float = 1e-3
  /// Gradients are scaled down to this global norm when above it (dm-clrs: 1.0).
  public var gradientClipNorm: Float = 1
  /// Draws the data and the initial weights.
  public var seed: UInt64 = 0
  /// Samples per forward pass when scoring a set (the results do not depend on it; memory does).
  public var evaluationBatchSize: Int = 32
  /// When positive, train on a fixed set of this many graphs (`CLRSFixedTrainingSet`, the CLRS-30 benchmark's
  /// training split when 1,000 at 16 nodes) instead of sampling on the fly.
  public var fixedTrainingSet: Int = 0

  /// The preset's settings for `algorithm` (the validation graphs have the largest training size, as run.py's).
  public static func preset(_ preset: CLRSTrainingPreset, algorithm: CLRSAlgorithm, seed: UInt64 = 0)
    -> CLRSTrainingSettings
  {
    var data = CLRSDataSettings(algorithm: algorithm)
    switch preset {
    case .paper:
      data.trainSizes = [4, 7, 11, 13, 16]
      data.batchSize = 32
      data.testSize = 64
      return CLRSTrainingSettings(data: data.withValidationAtLargestSize, hidden: 128, steps: 10_000, seed: seed)
    case .proxy:
      data.trainSizes = [4, 7, 11]
      data.batchSize = 16
      data.testSize = 32
      return CLRSTrainingSettings(data: data.withValidationAtLargestSize, hidden: 32, steps: 1000, seed: seed)
    }
  }
}

extension CLRSDataSettings {
  /// These settings with validation graphs as large as the largest training graphs (run.py's `np.amax`).
  public var withValidationAtLargestSize: CLRSDataSettings {
    var copy = self
    copy.validationSize = trainSizes.max() ?? validationSize
    return copy
  }
}
