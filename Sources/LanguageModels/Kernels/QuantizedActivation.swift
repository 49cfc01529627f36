/// An activation vector quantised to 8 bits per value in 32-value blocks, as ggml's Q8_0 / Q8_1 hold it.
///
/// Pointers into scratch owned by an `InferenceSession`; valid for one projection.
struct QuantizedActivation {
  /// `values[i]`: the signed 8-bit quantum of input `i`.
  let values: UnsafeMutablePointer<Int8>
  /// Per block: the scale `d` as stored in F16 (value ≈ d·q).
  let scales: UnsafeMutablePointer<Float>
  /// Per block: Q8_1's `s = d·Σq` as stored in F16.
  let halfSums: UnsafeMutablePointer<Float>
  /// Per block: `Σq` (exact).
  let quantumSums: UnsafeMutablePointer<Float>

  /// The activation of row `row` of a batch whose rows have `blocks` blocks each.
  func row(_ row: Int, blocks: Int) -> QuantizedActivation {
    QuantizedActivation(
      values: values + row * blocks * 32, scales: scales + row * blocks, halfSums: halfSums + row * blocks,
      quantumSums: quantumSums + row * blocks)
  }

  /// Quantises `count` values of `x` (round half to even, as ggml's AVX2 quantiser does).
  func fill(from x: UnsafePointer<Float>, count: Int) {
    for b in 0..<(count / 32) {
      let block = x + b * 32
      var maximum: Float = 0
      for i in 0..<32 { maximum = max(maximum, abs(block[i])) }
      let d = maximum / 127
      // ggml multiplies by 127/max, not 1/d: the two can differ in the last bit and flip a rounding.
      let inverse: Float = maximum != 0 ? 127 / maximum : 0
      var total: Int = 0
      for i in 0..<32 {
        let q = Int((block[i] * inverse).rounded(.toNearestOrEven))
        total += q
        values[b * 32 + i] = Int8(q)
      }
      scales[b] = Float(Float16(d))
      halfSums[b] = Float(Float16(d * Float(total)))
      quantumSums[b] = Float(total)
    }
  }
}
