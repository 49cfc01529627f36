import EvoTensor
import Foundation
import MemberwiseInit

/// What `clrs train` reports: the network's size, its best validation score and the test score of those weights,
/// the time taken and the learning curve.
public struct CLRSTrainingReport: Sendable, Codable {
  public struct CurvePoint: Sendable, Codable, Equatable {
    public var step: Int
    public var loss: Float
    /// Present at the steps where the validation set was scored.
    public var validationScore: Double?

    enum CodingKeys: String, CodingKey {
      case step, loss
      case validationScore = "val_score"
    }
  }

  public var algorithm: String
  public var parameters: Int
  /// The best validation score (the model's fitness in a search).
  public var validationScore: Double
  public var bestStep: Int
  /// The score of the best validation weights on the test set (larger graphs: out of distribution).
  public var testScore: Double
  public var testOutputs: [String: Double]
  /// Wall time of the whole run, data sampling and evaluation included.
  public var seconds: Double
  /// The median time of one training step (forward, backward, update; sampling excluded).
  public var millisecondsPerStep: Double
  public var millisecondsPerStepMean: Double
  /// The median CPU time of one training step, all threads of the process (the work done, whatever else runs on
  /// the machine).
  public var cpuMillisecondsPerStep: Double
  public var steps: Int
  public var curve: [CurvePoint]

  enum CodingKeys: String, CodingKey {
    case algorithm, steps, curve, seconds
    case parameters = "params"
    case validationScore = "val_score"
    case bestStep = "best_step"
    case testScore = "test_score"
    case testOutputs = "test_outputs"
    case millisecondsPerStep = "ms_per_step"
    case millisecondsPerStepMean = "ms_per_step_mean"
    case cpuMillisecondsPerStep = "cpu_ms_per_step"
  }
}

/// Trains a CLRS network as dm-clrs's run.py does: Adam (lr 1e-3) after clipping the gradients' global norm to 1,
/// one on-the-fly batch per step cycling through the training sizes, the validation set scored every
/// `evaluationInterval` steps (and at step 0), the best-scoring weights kept and scored on the test set.
@MemberwiseInit
public struct CLRSTrainer {
  public let settings: CLRSTrainingSettings
  /// Stops a run that cannot finish in this time by throwing `TrainingTimeLimit.Stop` (nil: no limit).
  public var timeLimit: TrainingTimeLimit?

  /// Builds the network around a triplet function from `tripletFactory`, trains it and scores it. `progress` sees
  /// every curve point as it is made. Throws when the triplet function fails.
  public func train(
    tripletFactory: CLRSTripletFactory, progress: (CLRSTrainingReport.CurvePoint) -> Void = { _ in }
  ) throws -> CLRSTrainingReport {
    let started = DispatchTime.now().uptimeNanoseconds
    var data = CLRSData(settings.data, seed: settings.seed)
    let network = try makeNetwork(tripletFactory)
    return try train(network, data: &data, started: started, progress: progress)
  }

  /// Trains `network` on `data` and scores it; the network ends with the best validation weights. Throws
  /// `TrainingTimeLimit.Stop` when the run's pace cannot finish within `timeLimit`.
  public func train(
    _ network: CLRSNetwork, data: inout CLRSData, started: UInt64 = DispatchTime.now().uptimeNanoseconds,
    progress: (CLRSTrainingReport.CurvePoint) -> Void = { _ in }
  ) throws -> CLRSTrainingReport {
    let parameters = network.parameters
    let optimizer = Adam(parameters, learningRate: settings.learningRate)
    var noise = RandomSource(seed: settings.seed &+ 0x6E01_5E)
    let validation = data.validation.batches(size: settings.evaluationBatchSize)
    if settings.fixedTrainingSet > 0, case .sampled = data.train {
      data.train = .fixedSet(CLRSFixedTrainingSet(settings, seed: settings.seed))
    }
    var curve: [CLRSTrainingReport.CurvePoint] = []
    var stepMilliseconds: [Double] = []
    var stepCPUMilliseconds: [Double] = []
    var best: (score: Double, step: Int, values: [[Float]])?
    let loopStarted = DispatchTime.now().uptimeNanoseconds
    for step in 0..<settings.steps {
      let batch = data.train.next()
      let stepStarted = DispatchTime.now().uptimeNanoseconds
      let cpuStarted = Self.processCPUTime()
      let loss = try Self.step(
        network, optimizer: optimizer, on: batch, clippingAt: settings.gradientClipNorm, noise: &noise)
      stepMilliseconds.append(Double(DispatchTime.now().uptimeNanoseconds - stepStarted) / 1e6)
      stepCPUMilliseconds.append((Self.processCPUTime() - cpuStarted) * 1e3)
      var point = CLRSTrainingReport.CurvePoint(step: step, loss: loss, validationScore: nil)
      if step % Swift.max(settings.evaluationInterval, 1) == 0 {
        let score = try Self.score(network, on: validation, chunkSize: settings.evaluationBatchSize).score
        point.validationScore = score
        if best == nil || score > best!.score { best = (score, step, parameters.map(\.scalars)) }
      }
      curve.append(point)
      progress(point)
      if let stop = timeLimit?.stop(stepsDone: step + 1, of: settings.steps, startedAt: loopStarted) { throw stop }
    }
    if let best {
      for (parameter, values) in zip(parameters, best.values) {
        parameter.basePointer.update(from: values, count: values.count)
      }
    }
    let test = try Self.score(
      network, on: data.test.batches(size: settings.evaluationBatchSize), chunkSize: settings.evaluationBatchSize)
    let sorted = stepMilliseconds.sorted()
    let sortedCPU = stepCPUMilliseconds.sorted()
    return CLRSTrainingReport(
      algorithm: settings.data.algorithm.name, parameters: network.parameterCount,
      validationScore: best?.score ?? 0, bestStep: best?.step ?? 0, testScore: test.score, testOutputs: test.outputs,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9,
      millisecondsPerStep: sorted.isEmpty ? 0 : sorted[sorted.count / 2],
      millisecondsPerStepMean: sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count),
      cpuMillisecondsPerStep: sortedCPU.isEmpty ? 0 : sortedCPU[sortedCPU.count / 2], steps: settings.steps,
      curve: curve)
  }

  /// One training step (`BaselineModel.feedback`): the loss on `batch`, its gradients, their global norm clipped to
  /// `clipNorm`, then `optimizer`'s update. Returns the loss before the update.
  public static func step(
    _ network: CLRSNetwork, optimizer: Adam, on batch: CLRSBatch, clippingAt clipNorm: Float,
    noise: inout RandomSource
  ) throws -> Float {
    let loss = try network.loss(on: batch, using: &noise)
    optimizer.zeroGrad()
    loss.backward()
    Tensor.withoutGrad {
      clipGlobalNorm(network.parameters, to: clipNorm)
      optimizer.step()
    }
    return loss.item
  }

  /// The network for these settings (the triplet function draws its weights from its own seed).
  public func makeNetwork(_ tripletFactory: CLRSTripletFactory) throws -> CLRSNetwork {
    let h = settings.hidden
    let triplet = try tripletFactory(h, settings.tripletFeatures, h, settings.seed &+ 1)
    return try CLRSNetwork(
      spec: settings.data.algorithm.spec, hidden: h, triplet: triplet, seed: settings.seed &+ 2)
  }

  /// dm-clrs's score of `network` on a set given as batches: hard predictions of every batch, scored together.
  public static func score(_ network: CLRSNetwork, on batches: [CLRSBatch], chunkSize: Int) throws -> CLRSScores {
    var scored: [(outputs: [CLRSProbeArray], predictions: [CLRSProbeArray])] = []
    for batch in batches {
      scored.append((batch.outputs, try network.predict(batch, chunkSize: chunkSize)))
    }
    return CLRSEvaluation.evaluate(batches: scored)
  }

  /// Seconds of CPU time this process has used, all threads.
  static func processCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// `optax.clip_by_global_norm`: when the norm of all gradients together exceeds `maximum`, every gradient is
  /// scaled by `maximum / norm`.
  static func clipGlobalNorm(_ parameters: [Tensor], to maximum: Float) {
    var squares: Double = 0
    for parameter in parameters {
      guard let grad = parameter.grad else { continue }
      let g = grad.contiguous()
      let p = g.basePointer
      for i in 0..<g.count { squares += Double(p[i] * p[i]) }
    }
    let norm = Float(squares.squareRoot())
    guard norm > maximum, norm.isFinite else { return }
    let scale = maximum / norm
    for parameter in parameters {
      guard let grad = parameter.grad else { continue }
      parameter.grad = grad * scale
    }
  }
}

/// The CLRS-30 benchmark's way of training: a fixed set of graphs at the largest training size (default p, as the
/// CLRS-30 train split), batches drawn from it with replacement, every batch padded to the set's longest trajectory
/// (dm-clrs `Sampler.next` on a dataset). With 1,000 graphs of 16 nodes this is the setting CLRS.md times dm-clrs on.
public struct CLRSFixedTrainingSet: Sendable {
  let set: CLRSEvaluationSet
  let batchSize: Int
  var random: RandomSource

  init(_ settings: CLRSTrainingSettings, seed: UInt64) {
    let data = settings.data
    let algorithm = data.algorithm
    set = CLRSEvaluationSet(
      algorithm: algorithm, sampler: .clrs30(algorithm), nodeCount: data.trainSizes.max() ?? 16,
      count: settings.fixedTrainingSet, randomPos: data.randomPos, seed: seed &+ 0xF1_ED)
    batchSize = data.batchSize
    random = RandomSource(seed: seed &+ 0xBA7C)
  }

  mutating func nextBatch() -> CLRSBatch {
    let picks = (0..<batchSize).map { _ in set.trajectories[random.nextInt(below: set.trajectories.count)] }
    return CLRSBatch(trajectories: picks, paddedHintLength: set.paddedHintLength)
  }
}
