/// Rounds an activation vector the way llama.cpp does before multiplying it with quantised weights.
///
/// ggml multiplies an F16 row with F16 activations and a BF16 row with BF16 activations (quantised rows use 8-bit
/// activations: `QuantizedActivation`, `SuperBlockActivation`). Doing the same rounding here (then multiplying in
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
    case .q4_0, .q4_1, .q5_0, .q8_0, .q4_K, .q6_K:
      // These multiply with 8-bit activations (`QuantizedActivation`, `SuperBlockActivation`) instead.
      rounded.update(from: x, count: count)
    }
  }
}
