/// Rounds an activation vector the way llama.cpp does before multiplying it with quantised weights.
///
/// ggml multiplies a Q4_0/Q4_1/Q8_0 row with the activation quantised to 8 bits per 32-value block (Q8_0, or Q8_1
/// with block sums for Q4_1), a K-quant row with Q8_K (256-value blocks), and an F16 row with F16 activations.
/// Doing the same rounding here (then multiplying in float) keeps logits within float noise of llama.cpp's, so
/// greedy decoding agrees with it except at genuine ties.
enum ActivationRounding {
  /// Writes the rounded copy of `x` (`count` values) to `rounded`, and for 32-blocks the block sums that the
  /// fused kernels use (`d·Σq`, as ggml stores them) to `sums`.
  static func round(
    for type: GGMLType, _ x: UnsafePointer<Float>, count: Int, rounded: UnsafeMutablePointer<Float>,
    sums: UnsafeMutablePointer<Float>
  ) {
    switch type {
    case .f32, .bf16:
      rounded.update(from: x, count: count)
      MatrixKernels.blockSums(rounded, count, into: sums)
    case .f16:
      for i in 0..<count { rounded[i] = Float(Float16(x[i])) }
      MatrixKernels.blockSums(rounded, count, into: sums)
    case .q4_0, .q8_0, .q4_1:
      let storesHalfSum = type == .q4_1
      for b in 0..<(count / 32) {
        let block = x + b * 32
        var maximum: Float = 0
        for i in 0..<32 { maximum = max(maximum, abs(block[i])) }
        let d = maximum / 127
        let inverse: Float = d != 0 ? 1 / d : 0
        let storedD = Float(Float16(d))
        var total: Float = 0
        for i in 0..<32 {
          let q = (block[i] * inverse).rounded(.toNearestOrEven)
          total += q
          rounded[b * 32 + i] = storedD * q
        }
        sums[b] = storesHalfSum ? Float(Float16(d * total)) : storedD * total
      }
    case .q4_K, .q6_K:
      for b in 0..<(count / 256) {
        let block = x + b * 256
        var maximum: Float = 0
        var signedMaximum: Float = 0
        for i in 0..<256 where abs(block[i]) > maximum {
          maximum = abs(block[i])
          signedMaximum = block[i]
        }
        if maximum == 0 {
          (rounded + b * 256).update(repeating: 0, count: 256)
          continue
        }
        let inverseScale = -127 / signedMaximum
        let d = 1 / inverseScale
        for i in 0..<256 {
          let q = min(127, (inverseScale * block[i]).rounded(.toNearestOrEven))
          rounded[b * 256 + i] = d * q
        }
      }
      MatrixKernels.blockSums(rounded, count, into: sums)
    }
  }
}
