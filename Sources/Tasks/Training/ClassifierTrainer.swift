import EvoTensor
import Foundation
import MemberwiseInit

/// Trains a module that maps `[B, width]` inputs to `[B, classes]` logits with cross-entropy, as a PyTorch
/// training loop would: shuffled minibatches, one optimizer step per batch, periodic validation.
@MemberwiseInit
public struct ClassifierTrainer {
  public let configuration: TrainingConfiguration
  /// Stops a run that cannot finish in this time (nil: no limit); its report then says where.
  public var timeLimit: TrainingTimeLimit?

  /// Trains `model` and reports its accuracies; `progress` sees every curve point as it is made.
  ///
  /// The weights that score the best validation accuracy are kept and used for the test accuracy, as the
  /// paper's fitness uses the best validation error seen during training.
  public func train(
    _ model: Module, train: LabeledExamples, validation: LabeledExamples?, test: LabeledExamples?,
    progress: (TrainingReport.CurvePoint) -> Void = { _ in }
  ) -> TrainingReport {
    let parameters = model.parameters()
    let optimizer = configuration.makeOptimizer(parameters)
    var batches = Batcher(examples: train, batchSize: configuration.batchSize, seed: configuration.seed &+ 0x5EED)
    var stepTimes: [Double] = []
    stepTimes.reserveCapacity(configuration.steps)
    var curve: [TrainingReport.CurvePoint] = []
    var bestValidation: Float?
    var bestState: [[Float]]?
    var lossSum: Float = 0
    var lossCount = 0
    var lastLoss: Float = .nan
    var timeLimitStop: TrainingTimeLimit.Stop?
    let started = DispatchTime.now().uptimeNanoseconds
    model.setTraining(true)
    for step in 1...Swift.max(configuration.steps, 1) where configuration.steps > 0 {
      // Each epoch reshuffles, as a DataLoader with shuffle=True and drop_last=True does.
      let batch = batches.next()
      let stepStart = DispatchTime.now().uptimeNanoseconds
      let loss = model(batch.inputTensor).crossEntropy(targets: batch.classIndices)
      optimizer.zeroGrad()
      loss.backward()
      Tensor.withoutGrad { optimizer.step() }
      stepTimes.append(Double(DispatchTime.now().uptimeNanoseconds - stepStart) / 1e6)
      lastLoss = loss.item
      lossSum += lastLoss
      lossCount += 1
      if step % configuration.evaluationInterval == 0 || step == configuration.steps {
        let accuracy = validation.map { accuracyOf(model, on: $0) }
        if let accuracy, accuracy > (bestValidation ?? -1) {
          bestValidation = accuracy
          bestState = parameters.map(\.scalars) + model.namedBuffers().map(\.tensor.scalars)
        }
        let point = TrainingReport.CurvePoint(
          step: step, trainLoss: lossSum / Float(lossCount), validationAccuracy: accuracy)
        curve.append(point)
        progress(point)
        lossSum = 0
        lossCount = 0
      }
      timeLimitStop = timeLimit?.stop(stepsDone: step, of: configuration.steps, startedAt: started)
      if timeLimitStop != nil { break }
    }
    if let bestState {
      for (tensor, values) in zip(parameters + model.namedBuffers().map(\.tensor), bestState) {
        tensor.basePointer.update(from: values, count: values.count)
      }
    }
    // A stopped run is not scored, so its test pass is not spent.
    let testAccuracy = timeLimitStop == nil ? test.map { accuracyOf(model, on: $0) } : nil
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    stepTimes.sort()
    return TrainingReport(
      parameterCount: model.parameterCount, bestValidationAccuracy: bestValidation, testAccuracy: testAccuracy,
      finalTrainLoss: lastLoss, seconds: seconds,
      millisecondsPerStep: stepTimes.isEmpty ? 0 : stepTimes[stepTimes.count / 2], curve: curve,
      timeLimitStop: timeLimitStop)
  }

  /// The fraction of `samples` that `model` classifies correctly, in evaluation mode and without the tape.
  public func accuracyOf(_ model: Module, on samples: LabeledExamples, batchSize: Int = 500) -> Float {
    let wasTraining = model.isTraining
    model.setTraining(false)
    defer { model.setTraining(wasTraining) }
    var correct = 0
    Tensor.withoutGrad {
      for batch in Batcher.sequentialBatches(of: samples, batchSize: batchSize) {
        let predictions = model(batch.inputTensor).max(dim: 1).indices
        correct += zip(predictions, batch.classIndices).filter { $0 == $1 }.count
      }
    }
    return Float(correct) / Float(Swift.max(samples.count, 1))
  }
}
