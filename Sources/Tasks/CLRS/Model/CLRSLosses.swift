import EvoTensor
import Foundation

/// The per-type losses of dm-clrs `losses.py`, each one differentiable kernel over a whole batch that returns a
/// scalar: `Σ_samples weight[sample] · Σ_elements loss(element)`.
///
/// The weights carry the reference's normalisation (a mean over valid entries, a hint's mask of finished samples);
/// `CLRSLossWeights` computes them.
enum CLRSLosses {
  /// The loss of one probe's logits against its truth values (one sample after another, the batch's layout).
  static func loss(
    _ logits: Tensor, truth: ArraySlice<Float>, type: CLRSProbeType, sampleWeights: [Float]
  ) -> Tensor {
    switch type {
    case .scalar: return elementwise(logits, truth: truth, sampleWeights: sampleWeights, squaredError: true)
    case .mask: return elementwise(logits, truth: truth, sampleWeights: sampleWeights, squaredError: false)
    case .maskOne, .categorical:
      return softmaxCrossEntropy(logits, truth: truth, indices: false, sampleWeights: sampleWeights)
    case .pointer: return softmaxCrossEntropy(logits, truth: truth, indices: true, sampleWeights: sampleWeights)
    case .permutationPointer: return negativeDot(logits, truth: truth, sampleWeights: sampleWeights)
    }
  }

  /// Squared error, or sigmoid cross-entropy with logits: `max(x, 0) - x·y + log1p(exp(-|x|))`.
  private static func elementwise(
    _ logits: Tensor, truth: ArraySlice<Float>, sampleWeights: [Float], squaredError: Bool
  ) -> Tensor {
    precondition(truth.count == logits.count, "loss: \(truth.count) truth values for logits \(logits.shape)")
    return weightedSum(logits, entryWidth: 1, truth: truth, sampleWeights: sampleWeights) { i, weight, p, y, d in
      let (value, target) = (p[i], y[i])
      if squaredError {
        let difference = value - target
        d[i] = weight * 2 * difference
        return weight * difference * difference
      }
      d[i] = weight * (sigmoid(value) - target)
      return weight * (Swift.max(value, 0) - value * target + Foundation.log1p(Foundation.exp(-Swift.abs(value))))
    }
  }

  /// Cross-entropy of a softmax over the last axis against a distribution (`indices: false`) or a class index per
  /// row (`indices: true`, a pointer).
  private static func softmaxCrossEntropy(
    _ logits: Tensor, truth: ArraySlice<Float>, indices: Bool, sampleWeights: [Float]
  ) -> Tensor {
    let width = logits.shape.last ?? 1
    let rows = logits.count / width
    precondition(truth.count == (indices ? rows : logits.count), "loss: truth does not fit logits \(logits.shape)")
    return weightedSum(logits, entryWidth: width, truth: truth, sampleWeights: sampleWeights) { row, weight, p, y, d in
      let values = p + row * width
      let slope = d + row * width
      if weight == 0 {
        slope.update(repeating: 0, count: width)
        return 0
      }
      var peak = -Float.infinity
      for k in 0..<width { peak = Swift.max(peak, values[k]) }
      var sum: Float = 0
      for k in 0..<width {
        let e = Foundation.exp(values[k] - peak)
        slope[k] = e
        sum += e
      }
      let logSum = peak + Foundation.log(sum)
      if indices {
        let target = Int(y[row])
        for k in 0..<width { slope[k] = weight * slope[k] / sum }
        slope[target] -= weight
        return weight * (logSum - values[target])
      }
      let target = y.baseAddress! + row * width
      var targetMass: Float = 0
      var loss: Float = 0
      for k in 0..<width {
        loss -= target[k] * (values[k] - logSum)
        targetMass += target[k]
      }
      for k in 0..<width { slope[k] = weight * (targetMass * slope[k] / sum - target[k]) }
      return weight * loss
    }
  }

  /// `-Σ truth · x` (a permutation pointer's loss; `x` is already the log of a doubly stochastic matrix).
  private static func negativeDot(_ logits: Tensor, truth: ArraySlice<Float>, sampleWeights: [Float]) -> Tensor {
    precondition(truth.count == logits.count, "loss: truth does not fit logits \(logits.shape)")
    return weightedSum(logits, entryWidth: 1, truth: truth, sampleWeights: sampleWeights) { i, weight, p, y, d in
      d[i] = -weight * y[i]
      return -(weight * y[i] * p[i])
    }
  }

  /// The sum, in Double, of `entry(i, weight, logits, truth, slopes)` over the entries of `logits` (`entryWidth`
  /// values each, a sample's entries one after another), as a scalar loss. `entry` returns entry `i`'s loss times
  /// its sample's weight and writes the loss's derivatives for the entry's logits into `slopes`.
  private static func weightedSum(
    _ logits: Tensor, entryWidth: Int, truth: ArraySlice<Float>, sampleWeights: [Float],
    entry: (
      _ i: Int, _ weight: Float, _ logits: UnsafeMutablePointer<Float>, _ truth: UnsafeBufferPointer<Float>,
      _ slopes: UnsafeMutablePointer<Float>
    ) -> Float
  ) -> Tensor {
    let x = logits.contiguous()
    let entries = x.count / entryWidth
    let perSample = entries / sampleWeights.count
    let slopes = Tensor.uninitialized(logits.shape)
    var total: Double = 0
    let (p, d) = (x.basePointer, slopes.basePointer)
    truth.withUnsafeBufferPointer { y in
      for i in 0..<entries { total += Double(entry(i, sampleWeights[i / perSample], p, y, d)) }
    }
    return scalar(total, from: logits, slopes: slopes)
  }

  /// A scalar loss whose gradient with respect to `logits` is `slopes` times the incoming gradient.
  private static func scalar(_ total: Double, from logits: Tensor, slopes: Tensor) -> Tensor {
    Tensor(scalar: Float(total)).differentiable(from: [logits]) { g in [slopes * g.item] }
  }

  private static func sigmoid(_ x: Float) -> Float {
    x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
  }
}

/// The reference's loss normalisation, as per-sample weights for `CLRSLosses`.
enum CLRSLossWeights {
  /// Loss entries per sample for `logits` (elements, or rows of the softmax axis for softmax types).
  static func entriesPerSample(logitsShape: [Int], type: CLRSProbeType) -> Int {
    let perSample = logitsShape.dropFirst().reduce(1, *)
    switch type {
    case .scalar, .mask: return perSample
    case .maskOne, .categorical, .pointer, .permutationPointer: return perSample / (logitsShape.last ?? 1)
    }
  }

  /// `losses.hint_loss`: the mean over the entries of every sample and step t = 1…T-1 with `length > t`, as weights
  /// for the prediction made at step `step` (which predicts hint `step + 1`). Zero when no entry is valid.
  static func hint(lengths: [Int], paddedLength: Int, step: Int, entriesPerSample: Int) -> [Float] {
    let validPairs = lengths.reduce(0) { $0 + Swift.max(0, Swift.min($1, paddedLength) - 1) }
    guard validPairs > 0 else { return lengths.map { _ in 0 } }
    let weight = 1 / Float(validPairs * entriesPerSample)
    return lengths.map { $0 > step + 1 ? weight : 0 }
  }

  /// `losses.output_loss`: a mean over all entries, except mask_one and categorical, which divide the sum by the
  /// number of positive truth values.
  static func output(truth: ArraySlice<Float>, batchSize: Int, type: CLRSProbeType, entriesPerSample: Int) -> [Float] {
    switch type {
    case .maskOne, .categorical:
      let positives = truth.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
      return [Float](repeating: positives > 0 ? 1 / Float(positives) : 0, count: batchSize)
    default:
      return [Float](repeating: 1 / Float(batchSize * entriesPerSample), count: batchSize)
    }
  }
}
