import Foundation

/// The float arithmetic of ggml's x86 CPU kernels, reproduced operation by operation where the order or the
/// approximation changes results: its vectorised exp (used in softmax and SiLU), its 16-lane horizontal sums and
/// the accumulation order of its F16 dot products.
///
/// A 30-layer model amplifies last-bit differences (they flip 8-bit activation roundings) into ~0.03 logit noise;
/// with these details copied, SmolLM2's log-probabilities agree with llama.cpp's to ~1e-7.
enum GGMLMath {
  /// e^x as ggml's AVX-512 `ggml_v_expf` computes it: range reduction to 2^n · e^b with |b| ≤ ln2/2, a degree-5
  /// polynomial for e^b − 1, and an exact scaling by 2^n (at most ~1.5 ulp from the true value).
  @inline(__always)
  static func exp(_ x: Float) -> Float {
    let shifter: Float = 0x1.8p23
    let z = shifter.addingProduct(x, 0x1.715476p+0)
    let n = z - shifter
    if !(abs(n) <= 192) { return n > 0 ? .infinity : 0 }
    let b = x.addingProduct(-n, 0x1.62e4p-1).addingProduct(-n, 0x1.7f7d1cp-20)
    let u = b * b
    let high = Float(0x1.573e2ep-5).addingProduct(0x1.0e4020p-7, b)
    let low = Float(0x1.fffdb6p-2).addingProduct(0x1.555e66p-3, b)
    let linear = Float(1).addingProduct(0x1.ffffecp-1, b)
    let j = linear.addingProduct(low.addingProduct(high, u), u)
    return scaled(j, by: Int(n))
  }

  /// `exp` on 16 lanes at once, bit-identical to it for inputs above −87 (where 2^n stays a normal float).
  @inline(__always)
  static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let shifter = SIMD16<Float>(repeating: 0x1.8p23)
    let z = shifter.addingProduct(x, SIMD16(repeating: 0x1.715476p+0))
    let n = z - shifter
    let b = x.addingProduct(-n, SIMD16(repeating: 0x1.62e4p-1)).addingProduct(-n, SIMD16(repeating: 0x1.7f7d1cp-20))
    let u = b * b
    let high = SIMD16<Float>(repeating: 0x1.573e2ep-5).addingProduct(SIMD16(repeating: 0x1.0e4020p-7), b)
    let low = SIMD16<Float>(repeating: 0x1.fffdb6p-2).addingProduct(SIMD16(repeating: 0x1.555e66p-3), b)
    let linear = SIMD16<Float>(repeating: 1).addingProduct(SIMD16(repeating: 0x1.ffffecp-1), b)
    let j = linear.addingProduct(low.addingProduct(high, u), u)
    // z = 1.5·2^23 + n, so n sits in z's low mantissa bits: build 2^n's bit pattern from them.
    let exponentBits = (unsafeBitCast(z, to: SIMD16<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
    return j * unsafeBitCast(exponentBits, to: SIMD16<Float>.self)
  }

  /// `value · 2^exponent`, exactly (with one rounding if the result is subnormal), like `vscalefps`.
  @inline(__always)
  static func scaled(_ value: Float, by exponent: Int) -> Float {
    if exponent > 127 { return value * 0x1p127 * Float(sign: .plus, exponent: exponent - 127, significand: 1) }
    if exponent < -126 { return value * 0x1p-126 * Float(sign: .plus, exponent: exponent + 126, significand: 1) }
    return value * Float(sign: .plus, exponent: exponent, significand: 1)
  }

  /// SiLU `x / (1 + e^−x)` with ggml's exp.
  @inline(__always)
  static func silu(_ x: Float) -> Float { x / (1 + exp(0 - x)) }

  /// Sum of 16 lanes in the pairwise order of `_mm512_reduce_add_ps` (halves added until one lane is left).
  @inline(__always)
  static func reduce(_ v: SIMD16<Float>) -> Float {
    let eight = v.lowHalf + v.highHalf
    let four = eight.lowHalf + eight.highHalf
    let two = four.lowHalf + four.highHalf
    return two[0] + two[1]
  }

  /// Dot product of two F16-valued vectors in `ggml_vec_dot_f16`'s order: four 16-lane accumulators over
  /// 64-value steps, combined pairwise and reduced, then leftover values added one by one in double precision.
  @inline(__always)
  static func dotInF16Order(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    let xs = UnsafeRawPointer(x)
    let ys = UnsafeRawPointer(y)
    let steps = count / 64
    var total: Double = 0
    if steps > 0 {
      var a0 = SIMD16<Float>()
      var a1 = SIMD16<Float>()
      var a2 = SIMD16<Float>()
      var a3 = SIMD16<Float>()
      for step in 0..<steps {
        let base = step * 256
        a0.addProduct(
          xs.loadUnaligned(fromByteOffset: base, as: SIMD16<Float>.self),
          ys.loadUnaligned(fromByteOffset: base, as: SIMD16<Float>.self))
        a1.addProduct(
          xs.loadUnaligned(fromByteOffset: base + 64, as: SIMD16<Float>.self),
          ys.loadUnaligned(fromByteOffset: base + 64, as: SIMD16<Float>.self))
        a2.addProduct(
          xs.loadUnaligned(fromByteOffset: base + 128, as: SIMD16<Float>.self),
          ys.loadUnaligned(fromByteOffset: base + 128, as: SIMD16<Float>.self))
        a3.addProduct(
          xs.loadUnaligned(fromByteOffset: base + 192, as: SIMD16<Float>.self),
          ys.loadUnaligned(fromByteOffset: base + 192, as: SIMD16<Float>.self))
      }
      total = Double(reduce((a0 + a2) + (a1 + a3)))
    }
    for i in (steps * 64)..<count { total += Double(x[i] * y[i]) }
    return Float(total)
  }

  /// Dot product in tinyBLAS order (llamafile's sgemm, which ggml uses for F16 matrices on AVX-512): one 16-lane
  /// accumulator over 16-value steps, then reduced. `count` is a multiple of 16.
  @inline(__always)
  static func dotInTinyBLASOrder(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    let xs = UnsafeRawPointer(x)
    let ys = UnsafeRawPointer(y)
    var accumulator = SIMD16<Float>()
    for step in 0..<(count / 16) {
      accumulator.addProduct(
        xs.loadUnaligned(fromByteOffset: step * 64, as: SIMD16<Float>.self),
        ys.loadUnaligned(fromByteOffset: step * 64, as: SIMD16<Float>.self))
    }
    return reduce(accumulator)
  }

  /// Replaces `values[0..<count]` by `e^(value − maximum)` and returns their sum as `ggml_vec_soft_max_f32` forms it
  /// over a row of `paddedCount` (masked entries beyond `count` contribute 0): 16-lane blocks with ggml's exp,
  /// each block reduced in float and added in double, and any tail with the C library's exp.
  static func softmaxNumerators(
    _ values: UnsafeMutablePointer<Float>, count: Int, paddedCount: Int, maximum: Float
  ) -> Double {
    var total: Double = 0
    var block = 0
    while block + 16 <= paddedCount {
      var lanes = SIMD16<Float>()
      if block + 16 <= count {
        let raw = UnsafeMutableRawPointer(values + block)
        let shifted = raw.loadUnaligned(as: SIMD16<Float>.self) - SIMD16(repeating: maximum)
        var inRange = true
        for lane in 0..<16 where !(shifted[lane] >= -87) { inRange = false }
        if inRange {
          lanes = exp(shifted)
        } else {
          for lane in 0..<16 { lanes[lane] = exp(shifted[lane]) }
        }
        raw.storeBytes(of: lanes, as: SIMD16<Float>.self)
      } else {
        for lane in 0..<16 where block + lane < count {
          let e = exp(values[block + lane] - maximum)
          values[block + lane] = e
          lanes[lane] = e
        }
      }
      total += Double(reduce(lanes))
      block += 16
    }
    while block < count {
      let e = Foundation.exp(values[block] - maximum)
      values[block] = e
      total += Double(e)
      block += 1
    }
    return total
  }

  /// Reduces `lanes` (16 or 64) accumulator rows of `width` values to one row, for every column at once, in the
  /// order ggml reduces one accumulator set: 64 lanes as four 16-lane registers combined `(r0 + r2) + (r1 + r3)`,
  /// then the 16 lanes pairwise as in `reduce`. Works in place on `rows`.
  static func reduceLanes(
    _ rows: UnsafeMutablePointer<Float>, lanes: Int, width: Int, into out: UnsafeMutablePointer<Float>
  ) {
    if lanes == 64 {
      for l in 0..<16 {
        let target = rows + l * width
        let a1 = rows + (16 + l) * width
        let a2 = rows + (32 + l) * width
        let a3 = rows + (48 + l) * width
        for d in 0..<width { target[d] = (target[d] + a2[d]) + (a1[d] + a3[d]) }
      }
    }
    var half = 8
    while half >= 2 {
      for l in 0..<half {
        let target = rows + l * width
        let other = rows + (l + half) * width
        for d in 0..<width { target[d] += other[d] }
      }
      half /= 2
    }
    let second = rows + width
    for d in 0..<width { out[d] = rows[d] + second[d] }
  }
}
