#if arch(x86_64) && os(Linux)
  import _Builtin_intrinsics.intel
#endif

extension MatrixKernels {
  /// Q4_1 row · Q8_1 activation: per block `d_w·d_x·Σ q_w·q_x + m_w·s_x`, integer products as in ggml.
  @inline(__always)
  static func dotQ4_1(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    #if arch(x86_64) && os(Linux)
      var acc = _mm256_setzero_ps()
      var minimumPart: Float = 0
      for b in 0..<blocks {
        let block = row + b * 20
        let products = laneSums(unsigned: nibbles(block + 4), load256(x.values + b * 32))
        accumulate(products, scale: half(block, 0) * x.scales[b], into: &acc)
        minimumPart += half(block, 2) * x.halfSums[b]
      }
      return horizontalSum(acc) + minimumPart
    #else
      return dotQ4_1Portable(row, x, blocks: blocks)
    #endif
  }

  /// `dotQ4_1` in plain Swift (any architecture), bit-identical to the AVX2 kernel.
  static func dotQ4_1Portable(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    var acc = SIMD8<Float>()
    var minimumPart: Float = 0
    for b in 0..<blocks {
      let block = row + b * 20
      let lanes = integerLaneSums(x.values + b * 32) { k in nibble(block + 4, k) }
      acc = acc.addingProduct(SIMD8(repeating: half(block, 0) * x.scales[b]), SIMD8<Float>(lanes))
      minimumPart += half(block, 2) * x.halfSums[b]
    }
    return horizontalSum(acc) + minimumPart
  }

  /// One Q4_1 row against four activations at once (batched prompts): the nibbles are unpacked once per block and
  /// each activation's sum follows exactly the order of `dotQ4_1`.
  @inline(__always)
  static func dotQ4_1(
    _ row: UnsafeRawPointer, _ x0: QuantizedActivation, _ x1: QuantizedActivation, _ x2: QuantizedActivation,
    _ x3: QuantizedActivation, blocks: Int
  ) -> SIMD4<Float> {
    #if arch(x86_64) && os(Linux)
      var acc0 = _mm256_setzero_ps()
      var acc1 = _mm256_setzero_ps()
      var acc2 = _mm256_setzero_ps()
      var acc3 = _mm256_setzero_ps()
      var minimumPart = SIMD4<Float>()
      for b in 0..<blocks {
        let block = row + b * 20
        let weights = nibbles(block + 4)
        let d = half(block, 0)
        let m = half(block, 2)
        @inline(__always)
        func step(_ x: QuantizedActivation, _ acc: inout __m256) {
          accumulate(laneSums(unsigned: weights, load256(x.values + b * 32)), scale: d * x.scales[b], into: &acc)
        }
        step(x0, &acc0)
        step(x1, &acc1)
        step(x2, &acc2)
        step(x3, &acc3)
        minimumPart[0] += m * x0.halfSums[b]
        minimumPart[1] += m * x1.halfSums[b]
        minimumPart[2] += m * x2.halfSums[b]
        minimumPart[3] += m * x3.halfSums[b]
      }
      return SIMD4(horizontalSum(acc0), horizontalSum(acc1), horizontalSum(acc2), horizontalSum(acc3)) + minimumPart
    #else
      return SIMD4(
        dotQ4_1(row, x0, blocks: blocks), dotQ4_1(row, x1, blocks: blocks), dotQ4_1(row, x2, blocks: blocks),
        dotQ4_1(row, x3, blocks: blocks))
    #endif
  }

  /// Q4_0 row · Q8_0 activation: per block `d_w·d_x·Σ (q_w − 8)·q_x`.
  @inline(__always)
  static func dotQ4_0(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    #if arch(x86_64) && os(Linux)
      var acc = _mm256_setzero_ps()
      var offsetPart: Float = 0
      for b in 0..<blocks {
        let block = row + b * 18
        let products = laneSums(unsigned: nibbles(block + 2), load256(x.values + b * 32))
        let scale = half(block, 0) * x.scales[b]
        accumulate(products, scale: scale, into: &acc)
        offsetPart += scale * 8 * x.quantumSums[b]
      }
      return horizontalSum(acc) - offsetPart
    #else
      return dotQ4_0Portable(row, x, blocks: blocks)
    #endif
  }

  /// `dotQ4_0` in plain Swift (any architecture), bit-identical to the AVX2 kernel.
  static func dotQ4_0Portable(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    var acc = SIMD8<Float>()
    var offsetPart: Float = 0
    for b in 0..<blocks {
      let block = row + b * 18
      let lanes = integerLaneSums(x.values + b * 32) { k in nibble(block + 2, k) }
      let scale = half(block, 0) * x.scales[b]
      acc = acc.addingProduct(SIMD8(repeating: scale), SIMD8<Float>(lanes))
      offsetPart += scale * 8 * x.quantumSums[b]
    }
    return horizontalSum(acc) - offsetPart
  }

  /// Q8_0 row · Q8_0 activation: per block `d_w·d_x·Σ q_w·q_x`.
  @inline(__always)
  static func dotQ8_0(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    #if arch(x86_64) && os(Linux)
      var acc = _mm256_setzero_ps()
      for b in 0..<blocks {
        let block = row + b * 34
        let products = laneSums(signed: load256(block + 2), load256(x.values + b * 32))
        accumulate(products, scale: half(block, 0) * x.scales[b], into: &acc)
      }
      return horizontalSum(acc)
    #else
      return dotQ8_0Portable(row, x, blocks: blocks)
    #endif
  }

  /// `dotQ8_0` in plain Swift (any architecture), bit-identical to the AVX2 kernel.
  static func dotQ8_0Portable(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    var acc = SIMD8<Float>()
    for b in 0..<blocks {
      let block = row + b * 34
      let lanes = integerLaneSums(x.values + b * 32) { k in Int32(block.load(fromByteOffset: 2 + k, as: Int8.self)) }
      acc = acc.addingProduct(SIMD8(repeating: half(block, 0) * x.scales[b]), SIMD8<Float>(lanes))
    }
    return horizontalSum(acc)
  }

  /// Value `k` (0-31) of the 16 bytes at `packed`: the low nibbles are values 0-15, the high ones 16-31.
  @inline(__always)
  static func nibble(_ packed: UnsafeRawPointer, _ k: Int) -> Int32 {
    let byte = packed.load(fromByteOffset: k % 16, as: UInt8.self)
    return Int32(k < 16 ? byte & 15 : byte >> 4)
  }

  /// ggml's `hsum_float_8`: the upper half onto the lower, then movehl, then movehdup.
  @inline(__always)
  static func horizontalSum(_ v: SIMD8<Float>) -> Float {
    ((v[0] + v[4]) + (v[2] + v[6])) + ((v[1] + v[5]) + (v[3] + v[7]))
  }

  /// The eight 32-bit lanes of `madd(maddubs(|w|, sign(x, w)), 1)` on one 32-value block: lane i sums w·x over
  /// values 4i..<4i+4, exactly (integers), as the AVX2 kernels produce them.
  @inline(__always)
  static func integerLaneSums(_ x: UnsafePointer<Int8>, weight: (Int) -> Int32) -> SIMD8<Int32> {
    var lanes = SIMD8<Int32>()
    for lane in 0..<8 {
      var sum: Int32 = 0
      for k in (lane * 4)..<(lane * 4 + 4) { sum += weight(k) * Int32(x[k]) }
      lanes[lane] = sum
    }
    return lanes
  }
}
