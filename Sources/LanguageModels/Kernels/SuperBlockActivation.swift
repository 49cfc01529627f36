/// An activation vector quantised to 8 bits in 256-value blocks with a float scale and 16-value block sums, as
/// ggml's Q8_K holds it: the input format of the K-quant kernels (Q4_K, Q6_K).
///
/// Pointers into scratch owned by an `InferenceSession` (or a caller's buffers); valid for one projection.
struct SuperBlockActivation {
  /// `values[i]`: the signed 8-bit quantum of input `i` (−127…127).
  let values: UnsafeMutablePointer<Int8>
  /// Per 256-value block: the scale `d` (value ≈ d·q).
  let scales: UnsafeMutablePointer<Float>
  /// Per 16 values: `Σq`.
  let sums: UnsafeMutablePointer<Int16>

  /// Allocates room for `count` values (a multiple of 256); free with `deallocate`.
  static func allocate(count: Int) -> SuperBlockActivation {
    SuperBlockActivation(
      values: .allocate(capacity: max(count, 256)), scales: .allocate(capacity: max(count / 256, 1)),
      sums: .allocate(capacity: max(count / 16, 16)))
  }

  func deallocate() {
    values.deallocate()
    scales.deallocate()
    sums.deallocate()
  }

  /// The activation of row `row` of a batch whose rows have `count` values each.
  func row(_ row: Int, count: Int) -> SuperBlockActivation {
    SuperBlockActivation(
      values: values + row * count, scales: scales + row * count / 256, sums: sums + row * count / 16)
  }

  /// Quantises `count` values of `x` as `quantize_row_q8_K_ref` does: the scale comes from the value of largest
  /// magnitude (the first one on ties), keeping its sign: `q = min(127, round(−127/max · x))`, `d = 1/(−127/max)`.
  func fill(from x: UnsafePointer<Float>, count: Int) {
    for b in 0..<(count / 256) {
      let block = x + b * 256
      let quanta = values + b * 256
      var largest: Float = 0
      var signedLargest: Float = 0
      for i in 0..<256 where abs(block[i]) > largest {
        largest = abs(block[i])
        signedLargest = block[i]
      }
      if largest == 0 {
        scales[b] = 0
        quanta.update(repeating: 0, count: 256)
        (sums + b * 16).update(repeating: 0, count: 16)
        continue
      }
      let inverseScale = -127 / signedLargest
      for i in 0..<256 { quanta[i] = Int8(min(127, (inverseScale * block[i]).rounded(.toNearestOrEven))) }
      for group in 0..<16 {
        var total: Int16 = 0
        for i in 0..<16 { total += Int16(quanta[group * 16 + i]) }
        sums[b * 16 + group] = total
      }
      scales[b] = 1 / inverseScale
    }
  }
}
