import EvoTensor
import MemberwiseInit

/// run.py's training stream: batches sampled on the fly, cycling through the graph sizes (one size per step),
/// `pos` randomised, each batch padded to the longest hint length seen so far at its size (dm-clrs's
/// `track_max_steps`, so a compiled step sees few shapes).
public struct CLRSTrainingBatches: Sendable {
  public let algorithm: CLRSAlgorithm
  public let sizes: [Int]
  public let batchSize: Int
  public let sampler: CLRSSampler
  public let randomPos: Bool
  /// Per entry of `sizes`, the padded hint length of its batches so far.
  public private(set) var paddedHintLengths: [Int]
  private var samplerRandom: [RandomSource]
  private var posRandom: RandomSource
  private var nextSize = 0

  /// - Parameters:
  ///   - lengthEstimateSamples: samples drawn per size up front to start the tracked maximum (dm-clrs draws 1,000);
  ///     0 starts from each batch's own longest trajectory.
  public init(
    algorithm: CLRSAlgorithm, sizes: [Int] = [4, 7, 11, 13, 16], batchSize: Int = 32, seed: UInt64,
    sampler: CLRSSampler? = nil, randomPos: Bool = true, lengthEstimateSamples: Int = 1000
  ) {
    precondition(!sizes.isEmpty && sizes.allSatisfy { $0 >= 1 } && batchSize >= 1, "CLRS sizes and batch size")
    let sampler = sampler ?? .ibarzTraining(algorithm)
    self.algorithm = algorithm
    self.sizes = sizes
    self.batchSize = batchSize
    self.sampler = sampler
    self.randomPos = randomPos
    var root = RandomSource(seed: seed)
    samplerRandom = sizes.map { _ in root.fork() }
    posRandom = root.fork()
    var estimateRandom = root.fork()
    paddedHintLengths = sizes.map { size in
      (0..<lengthEstimateSamples).reduce(0) { longest, _ in
        max(longest, sampler.sample(nodeCount: size, using: &estimateRandom).hintLength)
      }
    }
  }

  /// The next batch: the next size in the cycle.
  public mutating func next() -> CLRSBatch {
    let slot = nextSize
    nextSize = (nextSize + 1) % sizes.count
    var trajectories: [CLRSTrajectory] = []
    trajectories.reserveCapacity(batchSize)
    for _ in 0..<batchSize {
      var trajectory = CLRSRunPyTransform.apply(
        to: sampler.sample(nodeCount: sizes[slot], using: &samplerRandom[slot]))
      if randomPos { trajectory = CLRSRunPyTransform.randomizingPos(trajectory, using: &posRandom) }
      trajectories.append(trajectory)
    }
    let batch = CLRSBatch(trajectories: trajectories, paddedHintLength: paddedHintLengths[slot])
    paddedHintLengths[slot] = batch.paddedHintLength
    return batch
  }
}

/// A fixed set of samples scored in batches: run.py's validation set (n = 16, 64 samples, run.py's p ranges,
/// random `pos`) or test set (n = 64, 32 samples, the CLRS-30 sampler, linear `pos`).
public struct CLRSEvaluationSet: Sendable {
  public let algorithm: CLRSAlgorithm
  public let nodeCount: Int
  /// In run.py's layout.
  public let trajectories: [CLRSTrajectory]

  public init(
    algorithm: CLRSAlgorithm, sampler: CLRSSampler, nodeCount: Int, count: Int, randomPos: Bool, seed: UInt64
  ) {
    precondition(count >= 1 && nodeCount >= 1, "a CLRS evaluation set needs samples and nodes")
    var random = RandomSource(seed: seed)
    var posRandom = random.fork()
    self.algorithm = algorithm
    self.nodeCount = nodeCount
    self.trajectories = (0..<count).map { _ in
      let trajectory = CLRSRunPyTransform.apply(to: sampler.sample(nodeCount: nodeCount, using: &random))
      return randomPos ? CLRSRunPyTransform.randomizingPos(trajectory, using: &posRandom) : trajectory
    }
  }

  /// A set of given samples (run.py-layout trajectories of `nodeCount` nodes), such as a recorded dm-clrs run's.
  public init(algorithm: CLRSAlgorithm, nodeCount: Int, trajectories: [CLRSTrajectory]) {
    precondition(!trajectories.isEmpty, "an empty CLRS evaluation set")
    precondition(
      trajectories.allSatisfy { $0.algorithm == algorithm && $0.nodeCount == nodeCount && $0.layout == .runPy },
      "an evaluation set of \(algorithm.name) at \(nodeCount) nodes, in run.py's layout")
    self.algorithm = algorithm
    self.nodeCount = nodeCount
    self.trajectories = trajectories
  }

  /// run.py's validation set: `count` samples of `nodeCount` nodes from the training sampler, random `pos`.
  public static func validation(
    _ algorithm: CLRSAlgorithm, nodeCount: Int = 16, count: Int = 64, seed: UInt64
  ) -> CLRSEvaluationSet {
    CLRSEvaluationSet(
      algorithm: algorithm, sampler: .ibarzTraining(algorithm), nodeCount: nodeCount, count: count, randomPos: true,
      seed: seed)
  }

  /// The CLRS-30 test set's distribution: `count` samples of `nodeCount` nodes, default p, linear `pos`.
  public static func test(_ algorithm: CLRSAlgorithm, nodeCount: Int = 64, count: Int = 32, seed: UInt64)
    -> CLRSEvaluationSet
  {
    CLRSEvaluationSet(
      algorithm: algorithm, sampler: .clrs30(algorithm), nodeCount: nodeCount, count: count, randomPos: false,
      seed: seed)
  }

  /// The longest hint length of the set: every batch is padded to it (dm-clrs pads a fixed dataset as a whole).
  public var paddedHintLength: Int { trajectories.map(\.hintLength).max() ?? 0 }

  /// The samples in order, `size` at a time (the last batch may be smaller).
  public func batches(size: Int) -> [CLRSBatch] {
    precondition(size >= 1, "batch size")
    let padded = paddedHintLength
    return stride(from: 0, to: trajectories.count, by: size).map { start in
      CLRSBatch(
        trajectories: Array(trajectories[start..<min(start + size, trajectories.count)]), paddedHintLength: padded)
    }
  }
}

/// What `clrs train` trains and scores on, all from one seed.
@MemberwiseInit
public struct CLRSDataSettings: Sendable, Equatable, Codable {
  public var algorithm: CLRSAlgorithm
  public var trainSizes: [Int] = [4, 7, 11, 13, 16]
  public var batchSize: Int = 32
  public var validationSize: Int = 16
  public var validationCount: Int = 64
  public var testSize: Int = 64
  public var testCount: Int = 32
  public var randomPos: Bool = true
  /// Samples per training size drawn up front for the padded hint length (dm-clrs: 1,000).
  public var lengthEstimateSamples: Int = 1000
}

/// Where a run's training batches come from, one per step.
public enum CLRSTrainingStream: Sendable {
  /// Sampled on the fly (run.py).
  case sampled(CLRSTrainingBatches)
  /// Drawn with replacement from a fixed set (the CLRS-30 benchmark's training split).
  case fixedSet(CLRSFixedTrainingSet)
  /// Given batches in order, from the first again after the last (a recorded dm-clrs run's).
  case recorded([CLRSBatch], next: Int)

  public mutating func next() -> CLRSBatch {
    switch self {
    case .sampled(var batches):
      let batch = batches.next()
      self = .sampled(batches)
      return batch
    case .fixedSet(var set):
      let batch = set.nextBatch()
      self = .fixedSet(set)
      return batch
    case .recorded(let batches, let next):
      self = .recorded(batches, next: (next + 1) % batches.count)
      return batches[next]
    }
  }
}

/// Training stream, validation set and test set for one seed.
@MemberwiseInit
public struct CLRSData: Sendable {
  public var settings: CLRSDataSettings
  public var train: CLRSTrainingStream
  public let validation: CLRSEvaluationSet
  public let test: CLRSEvaluationSet

  public init(_ settings: CLRSDataSettings, seed: UInt64) {
    var root = RandomSource(seed: seed)
    let trainSeed = root.next()
    let validationSeed = root.next()
    let testSeed = root.next()
    self.settings = settings
    train = .sampled(
      CLRSTrainingBatches(
        algorithm: settings.algorithm, sizes: settings.trainSizes, batchSize: settings.batchSize, seed: trainSeed,
        randomPos: settings.randomPos, lengthEstimateSamples: settings.lengthEstimateSamples))
    validation = CLRSEvaluationSet(
      algorithm: settings.algorithm, sampler: .ibarzTraining(settings.algorithm), nodeCount: settings.validationSize,
      count: settings.validationCount, randomPos: settings.randomPos, seed: validationSeed)
    test = CLRSEvaluationSet.test(
      settings.algorithm, nodeCount: settings.testSize, count: settings.testCount, seed: testSeed)
  }
}
