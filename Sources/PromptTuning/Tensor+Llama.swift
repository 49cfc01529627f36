import EvoTensor
import Foundation
import LanguageModels

extension Tensor {
  /// RMSNorm over the last dimension: `x / sqrt(mean(x²) + ε) · weight`, composed from recorded ops.
  public func rmsNormalized(weight: Tensor, epsilon: Float) -> Tensor {
    let last = rank - 1
    let inverseRoot = (pow(2).mean(dims: [last], keepDims: true) + epsilon).pow(-0.5)
    return self * inverseRoot * weight
  }

  /// Rotary position embedding of `[heads, positions, headWidth]` queries or keys.
  ///
  /// `cosines` and `sines` are `[positions, rotatedWidth / 2]`; the first `rotatedWidth` elements of each head
  /// rotate, in adjacent pairs `(2i, 2i+1)` (`llama` GGUFs) or split halves `(i, i + n/2)` (`qwen2`), and the rest
  /// pass through.
  public func rotaryEmbedded(cosines: Tensor, sines: Tensor, style: RopeStyle) -> Tensor {
    let (heads, positions, headWidth) = (shape[0], shape[1], shape[2])
    let half = cosines.shape[1]
    let rotated = 2 * half
    let part = rotated == headWidth ? self : sliced(dim: 2, start: 0, end: rotated)
    let result: Tensor
    switch style {
    case .adjacentPairs:
      let pairs = part.reshaped([heads, positions, half, 2])
      let first = pairs.selected(dim: 3, index: 0)
      let second = pairs.selected(dim: 3, index: 1)
      let newFirst = first * cosines - second * sines
      let newSecond = first * sines + second * cosines
      result = Tensor.stack([newFirst, newSecond], dim: 3).reshaped([heads, positions, rotated])
    case .splitHalves:
      let first = part.sliced(dim: 2, start: 0, end: half)
      let second = part.sliced(dim: 2, start: half, end: rotated)
      result = Tensor.concatenate([first * cosines - second * sines, first * sines + second * cosines], dim: 2)
    }
    if rotated == headWidth { return result }
    return Tensor.concatenate([result, sliced(dim: 2, start: rotated, end: headWidth)], dim: 2)
  }

  /// Cosines and sines of RoPE angles `position · base^(-2i/rotatedWidth)`, each `[positions, rotatedWidth / 2]`.
  public static func rotaryTables(positions: Int, rotatedWidth: Int, base: Float) -> (cosines: Tensor, sines: Tensor) {
    let half = rotatedWidth / 2
    var cosines = [Float](repeating: 0, count: positions * half)
    var sines = cosines
    for i in 0..<half {
      let frequency = Foundation.pow(Double(base), -2 * Double(i) / Double(rotatedWidth))
      for p in 0..<positions {
        let angle = Double(p) * frequency
        cosines[p * half + i] = Float(Foundation.cos(angle))
        sines[p * half + i] = Float(Foundation.sin(angle))
      }
    }
    return (Tensor(cosines, shape: [positions, half]), Tensor(sines, shape: [positions, half]))
  }

  /// An additive causal mask of `shape` (`[..., positions, positions]`): 0 on and below the diagonal, -∞ above.
  ///
  /// It has the full shape of the attention scores so that the recorded addition's backward step is a no-op
  /// for it (broadcasting would sum the scores' gradient down to the mask in every layer).
  public static func causalMask(shape: [Int]) -> Tensor {
    let positions = shape[shape.count - 1]
    let mask = Tensor.zeros(shape)
    let pointer = mask.basePointer
    let planes = mask.count / (positions * positions)
    for plane in 0..<planes {
      let base = pointer + plane * positions * positions
      for row in 0..<positions {
        for column in (row + 1)..<positions { base[row * positions + column] = -.infinity }
      }
    }
    return mask
  }
}
