import EvoTensor
import Foundation

/// dm-clrs `decoders.postprocess`: decoder logits made into probe values, "soft" to feed a step's hint predictions
/// back into the encoders (gradients flow through them), "hard" to score outputs.
public enum CLRSPostprocessing {
  /// Soft values: the raw value of a scalar, sigmoid of a mask, softmax over the last axis of a mask_one,
  /// categorical or pointer, and the Sinkhorn-normalised matrix (25 steps) of a permutation pointer.
  static func soft(_ logits: Tensor, _ spec: CLRSProbeSpec) -> Tensor {
    switch spec.type {
    case .scalar: return logits
    case .mask: return logits.sigmoid()
    case .maskOne, .categorical, .pointer: return logits.softmax(dim: -1)
    case .permutationPointer:
      return logSinkhorn(logits, steps: 25, temperature: 0.1, zeroDiagonal: true).exp()
    }
  }

  /// Standard Gumbel noise added to every logit (the Sinkhorn decoder's noise at training time).
  static func addingGumbelNoise(_ logits: Tensor, using generator: inout RandomSource) -> Tensor {
    let gumbel = Tensor.uninitialized(logits.shape)
    let g = gumbel.basePointer
    for i in 0..<gumbel.count {
      let u = Double(generator.nextUnitFloat())
      g[i] = Float(-Foundation.log(-Foundation.log(u + 1e-12) + 1e-12))
    }
    return logits + gumbel
  }

  /// The log-space Sinkhorn operator (`decoders.log_sinkhorn`): `x / τ`, the diagonal pushed to -1e6, then `steps`
  /// rounds of normalising rows and columns.
  static func logSinkhorn(_ logits: Tensor, steps: Int, temperature: Float, zeroDiagonal: Bool) -> Tensor {
    var x = logits
    x = x / temperature
    if zeroDiagonal {
      let n = x.shape[x.rank - 1]
      let diagonal = Tensor.zeros([n, n])
      for i in 0..<n { diagonal.basePointer[i * n + i] = 1e6 }
      x = x - diagonal
    }
    for _ in 0..<steps {
      x = x.logSoftmax(dim: -1)
      x = x.logSoftmax(dim: -2)
    }
    return x
  }

  /// Hard values in the layout of the truth arrays: a mask thresholded at 0, a one-hot of the argmax for mask_one
  /// and categorical, the argmax index for a pointer, and for a permutation pointer the one-hot of the argmax of
  /// `exp(log_sinkhorn(x, 50 steps, τ 0.1))`, as dm-clrs scores predictions.
  public static func hard(_ logits: Tensor, _ spec: CLRSProbeSpec) -> [Float] {
    let x = logits.detached()
    switch spec.type {
    case .scalar: return x.scalars
    case .mask: return x.scalars.map { $0 > 0 ? 1 : 0 }
    case .maskOne, .categorical: return oneHotOfArgmax(x.scalars, width: x.shape.last ?? 1)
    case .pointer: return argmax(x.scalars, width: x.shape.last ?? 1).map(Float.init)
    case .permutationPointer:
      let normalised = Tensor.withoutGrad {
        logSinkhorn(x, steps: 50, temperature: 0.1, zeroDiagonal: true).exp()
      }
      return oneHotOfArgmax(normalised.scalars, width: x.shape.last ?? 1)
    }
  }

  /// The index of the largest value of each row of `width` (the first on ties, as numpy).
  static func argmax(_ values: [Float], width: Int) -> [Int] {
    let rows = values.count / Swift.max(width, 1)
    return (0..<rows).map { row in
      var best = 0
      for k in 1..<Swift.max(width, 1) where values[row * width + k] > values[row * width + best] { best = k }
      return best
    }
  }

  static func oneHotOfArgmax(_ values: [Float], width: Int) -> [Float] {
    var result = [Float](repeating: 0, count: values.count)
    for (row, index) in argmax(values, width: width).enumerated() { result[row * width + index] = 1 }
    return result
  }
}
