/// Rounds an activation vector the way llama.cpp does before multiplying it with quantised weights.
///
/// ggml multiplies a K-quant row with the activation quantised to Q8_K (256-value blocks) and an F16 row with F16
/// activations, a BF16 row with BF16 activations (Q4_0/Q4_1/Q8_0 rows use `QuantizedActivation`). Doing the same rounding here (then multiplying in
/// float) keeps logits within float noise of llama.cpp's, so greedy decoding agrees with it except at genuine ties.
enum ActivationRounding {
  /// Writes the rounded copy of `x` (`count` values) to `rounded`, for weights of `type`.
  static func round(
    for type: GGMLType, _ x: UnsafePointer<Float>, count: Int, rounded: UnsafeMutablePointer<Float>
  ) {
    switch type {
    case .f32:
      rounded.update(from: x, count: count)
    case .bf16:
      // Round to nearest even on the upper 16 bits, as ggml's fp32-to-bf16 conversion does.
      for i in 0..<count {
        let bits = x[i].bitPattern
        let roundedBits = x[i].isNaN ? (bits | 0x40_0000) : bits &+ (0x7FFF &+ ((bits >> 16) & 1))
        rounded[i] = Float(bitPattern: roundedBits & 0xFFFF_0000)
      }
    case .f16:
      for i in 0..<count { rounded[i] = Float(Float16(x[i])) }
    case .q4_0, .q8_0, .q4_1:
      // These multiply with `QuantizedActivation` instead; the float copy is kept for completeness.
      rounded.update(from: x, count: count)
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
    }
  }
}
