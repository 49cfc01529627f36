#if arch(x86_64) && os(Linux)
  import _Builtin_intrinsics.intel
#endif

/// K-quant rows (256-value super-blocks) against a Q8_K activation, following `ggml_vec_dot_q4_K_q8_K` and
/// `ggml_vec_dot_q6_K_q8_K`: integer sums in eight 32-bit lanes (lane i holds values 4i..<4i+4 of every 32-value
/// chunk), one float FMA per super-block, ggml's horizontal sums at the end.
///
/// Q4_K (144 bytes): F16 `d` and `dmin`, 12 bytes packing eight 6-bit scales and mins, 128 bytes of nibbles (each
/// 32 bytes hold the low nibbles of one 32-value sub-block and the high nibbles of the next);
/// value = `d·scale·q − dmin·min`.
/// Q6_K (210 bytes): 128 bytes of low nibbles, 64 of high bit pairs, sixteen int8 scales (one per 16 values),
/// F16 `d`; value = `d·scale·(q − 32)`.
extension MatrixKernels {
  /// Q4_K row · Q8_K activation.
  @inline(__always)
  static func dotQ4_K(_ row: UnsafeRawPointer, _ y: SuperBlockActivation, blocks: Int) -> Float {
    #if arch(x86_64) && os(Linux)
      var acc = _mm256_setzero_ps()
      var minimumAcc = _mm_setzero_ps()
      let lowMask = _mm256_set1_epi8(15)
      for b in 0..<blocks {
        let block = row + b * 144
        let d = y.scales[b] * half(block, 0)
        let dmin = -y.scales[b] * half(block, 2)
        let (scales, mins) = q4KScalesAndMins(block + 4)
        // Sums of 32 activation quanta per sub-block, times the sub-block minimums, in four lanes.
        let subBlockSums = _mm_hadd_epi16(
          _mm_loadu_si128(UnsafeRawPointer(y.sums + b * 16).assumingMemoryBound(to: __m128i.self)),
          _mm_loadu_si128(UnsafeRawPointer(y.sums + b * 16 + 8).assumingMemoryBound(to: __m128i.self)))
        let minimumProducts = _mm_madd_epi16(
          _mm_cvtepu8_epi16(_mm_set_epi64x(0, Int64(bitPattern: mins))), subBlockSums)
        minimumAcc = _mm_fmadd_ps(_mm_set1_ps(dmin), _mm_cvtepi32_ps(minimumProducts), minimumAcc)
        var sums = _mm256_setzero_si256()
        let quants = block + 16
        let activation = y.values + b * 256
        for j in 0..<4 {
          let (scaleLow, scaleHigh, low, high) = q4KChunk(quants, scales: scales, j, lowMask: lowMask)
          let xLow = _mm256_loadu_si256(UnsafeRawPointer(activation + 64 * j).assumingMemoryBound(to: __m256i.self))
          let xHigh = _mm256_loadu_si256(
            UnsafeRawPointer(activation + 64 * j + 32).assumingMemoryBound(to: __m256i.self))
          let productLow = _mm256_madd_epi16(scaleLow, _mm256_maddubs_epi16(low, xLow))
          let productHigh = _mm256_madd_epi16(scaleHigh, _mm256_maddubs_epi16(high, xHigh))
          sums = _mm256_add_epi32(sums, _mm256_add_epi32(productLow, productHigh))
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sums), acc)
      }
      return horizontalSum(acc) + horizontalSum(minimumAcc)
    #else
      return dotQ4_KPortable(row, y, blocks: blocks)
    #endif
  }

  /// `dotQ4_K` in plain Swift (any architecture), bit-identical to the AVX2 kernel.
  static func dotQ4_KPortable(_ row: UnsafeRawPointer, _ y: SuperBlockActivation, blocks: Int) -> Float {
    var acc = SIMD8<Float>()
    var minimumAcc = SIMD4<Float>()
    for b in 0..<blocks {
      let block = row + b * 144
      let d = y.scales[b] * half(block, 0)
      let dmin = -y.scales[b] * half(block, 2)
      let (scales, mins) = q4KScalesAndMins(block + 4)
      let blockSums = y.sums + b * 16
      var minimumProducts = SIMD4<Int32>()
      for lane in 0..<4 {
        for s in (2 * lane)..<(2 * lane + 2) {
          let subBlockSum = Int32(blockSums[2 * s]) + Int32(blockSums[2 * s + 1])
          minimumProducts[lane] += Int32((mins >> UInt64(8 * s)) & 0xFF) * subBlockSum
        }
      }
      minimumAcc = minimumAcc.addingProduct(SIMD4(repeating: dmin), SIMD4<Float>(minimumProducts))
      let quants = block + 16
      let activation = y.values + b * 256
      var sums = SIMD8<Int32>()
      for j in 0..<4 {
        let scaleLow = Int32((scales >> UInt64(16 * j)) & 0xFF)
        let scaleHigh = Int32((scales >> UInt64(16 * j + 8)) & 0xFF)
        let low = integerLaneSums(activation + 64 * j) { k in
          Int32(quants.load(fromByteOffset: 32 * j + k, as: UInt8.self) & 15)
        }
        let high = integerLaneSums(activation + 64 * j + 32) { k in
          Int32(quants.load(fromByteOffset: 32 * j + k, as: UInt8.self) >> 4)
        }
        sums &+= scaleLow &* low &+ scaleHigh &* high
      }
      acc = acc.addingProduct(SIMD8(repeating: d), SIMD8<Float>(sums))
    }
    return horizontalSum(acc) + horizontalSum(minimumAcc)
  }

  /// Q6_K row · Q8_K activation. The weights are used unsigned (0-63); the `−32` comes off at the end as
  /// `32 · Σ scale·(sum of 16 quanta)`, in lanes as ggml subtracts it.
  @inline(__always)
  static func dotQ6_K(_ row: UnsafeRawPointer, _ y: SuperBlockActivation, blocks: Int) -> Float {
    #if arch(x86_64) && os(Linux)
      var acc = _mm256_setzero_ps()
      let lowMask = _mm256_set1_epi8(15)
      let twoBits = _mm256_set1_epi8(3)
      for b in 0..<blocks {
        let block = row + b * 210
        let d = y.scales[b] * half(block, 208)
        let scales = block + 192
        let blockSums = _mm256_loadu_si256(UnsafeRawPointer(y.sums + b * 16).assumingMemoryBound(to: __m256i.self))
        let wideScales = _mm256_cvtepi8_epi16(_mm_loadu_si128(scales.assumingMemoryBound(to: __m128i.self)))
        let offsetPart = _mm256_slli_epi32(_mm256_madd_epi16(blockSums, wideScales), 5)
        var sums = _mm256_setzero_si256()
        for j in 0..<2 {
          let lowBits = block + 64 * j
          let bits1 = _mm256_loadu_si256(lowBits.assumingMemoryBound(to: __m256i.self))
          let bits2 = _mm256_loadu_si256((lowBits + 32).assumingMemoryBound(to: __m256i.self))
          let highBits = _mm256_loadu_si256((block + 128 + 32 * j).assumingMemoryBound(to: __m256i.self))
          let high0 = _mm256_slli_epi16(_mm256_and_si256(highBits, twoBits), 4)
          let high1 = _mm256_slli_epi16(_mm256_and_si256(highBits, _mm256_set1_epi8(12)), 2)
          let high2 = _mm256_and_si256(highBits, _mm256_set1_epi8(48))
          let high3 = _mm256_srli_epi16(_mm256_and_si256(highBits, _mm256_set1_epi8(-64)), 2)
          let weights = (
            _mm256_or_si256(_mm256_and_si256(bits1, lowMask), high0),
            _mm256_or_si256(_mm256_and_si256(bits2, lowMask), high1),
            _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(bits1, 4), lowMask), high2),
            _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(bits2, 4), lowMask), high3)
          )
          let activation = y.values + b * 256 + 128 * j
          @inline(__always)
          func product(_ w: __m256i, _ chunk: Int) -> __m256i {
            let x = _mm256_loadu_si256(UnsafeRawPointer(activation + 32 * chunk).assumingMemoryBound(to: __m256i.self))
            let first = Int16(scales.load(fromByteOffset: 8 * j + 2 * chunk, as: Int8.self))
            let second = Int16(scales.load(fromByteOffset: 8 * j + 2 * chunk + 1, as: Int8.self))
            let scale = _mm256_set_m128i(_mm_set1_epi16(second), _mm_set1_epi16(first))
            return _mm256_madd_epi16(scale, _mm256_maddubs_epi16(w, x))
          }
          sums = _mm256_add_epi32(sums, _mm256_add_epi32(product(weights.0, 0), product(weights.1, 1)))
          sums = _mm256_add_epi32(sums, _mm256_add_epi32(product(weights.2, 2), product(weights.3, 3)))
        }
        sums = _mm256_sub_epi32(sums, offsetPart)
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sums), acc)
      }
      return horizontalSum(acc)
    #else
      return dotQ6_KPortable(row, y, blocks: blocks)
    #endif
  }

  /// `dotQ6_K` in plain Swift (any architecture), bit-identical to the AVX2 kernel.
  static func dotQ6_KPortable(_ row: UnsafeRawPointer, _ y: SuperBlockActivation, blocks: Int) -> Float {
    var acc = SIMD8<Float>()
    for b in 0..<blocks {
      let block = row + b * 210
      let d = y.scales[b] * half(block, 208)
      let scales = (block + 192).assumingMemoryBound(to: Int8.self)
      let blockSums = y.sums + b * 16
      var sums = SIMD8<Int32>()
      for j in 0..<2 {
        let lowBits = block + 64 * j
        let highBits = block + 128 + 32 * j
        for chunk in 0..<4 {
          // Chunk 0: low nibbles of bytes 0-31, bits 0-1; 1: low nibbles of 32-63, bits 2-3; 2 and 3: high nibbles.
          let lanes = integerLaneSums(y.values + b * 256 + 128 * j + 32 * chunk) { k in
            let byte = lowBits.load(fromByteOffset: k + 32 * (chunk % 2), as: UInt8.self)
            let nibble = chunk < 2 ? byte & 15 : byte >> 4
            let pair = (highBits.load(fromByteOffset: k, as: UInt8.self) >> UInt8(2 * chunk)) & 3
            return Int32(nibble | pair << 4)
          }
          let first = Int32(scales[8 * j + 2 * chunk])
          let second = Int32(scales[8 * j + 2 * chunk + 1])
          sums &+= SIMD8(first, first, first, first, second, second, second, second) &* lanes
        }
      }
      for lane in 0..<8 {
        let offset =
          Int32(blockSums[2 * lane]) * Int32(scales[2 * lane])
          + Int32(blockSums[2 * lane + 1]) * Int32(scales[2 * lane + 1])
        sums[lane] &-= offset << 5
      }
      acc = acc.addingProduct(SIMD8(repeating: d), SIMD8<Float>(sums))
    }
    return horizontalSum(acc)
  }

  /// The eight 6-bit scales and eight 6-bit minimums of a Q4_K block, one per byte (sub-block j in byte j), as
  /// ggml unpacks its 12 bytes with 32-bit masks.
  @inline(__always)
  static func q4KScalesAndMins(_ packed: UnsafeRawPointer) -> (scales: UInt64, mins: UInt64) {
    let word0 = packed.loadUnaligned(as: UInt32.self)
    let word1 = packed.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
    let word2 = packed.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
    let sixBits: UInt32 = 0x3F3F_3F3F
    let fourBits: UInt32 = 0x0F0F_0F0F
    let twoBits: UInt32 = 0x0303_0303
    let mins4to7 = ((word2 >> 4) & fourBits) | (((word1 >> 6) & twoBits) << 4)
    let scales4to7 = (word2 & fourBits) | (((word0 >> 6) & twoBits) << 4)
    let scales = UInt64(word0 & sixBits) | UInt64(scales4to7) << 32
    let mins = UInt64(word1 & sixBits) | UInt64(mins4to7) << 32
    return (scales, mins)
  }

  /// ggml's reduction of a four-lane accumulator: `movehl` then `movehdup`, i.e. `(v0 + v2) + (v1 + v3)`.
  @inline(__always)
  static func horizontalSum(_ v: SIMD4<Float>) -> Float {
    (v[0] + v[2]) + (v[1] + v[3])
  }
}

#if arch(x86_64) && os(Linux)
  extension MatrixKernels {
    /// Chunk `j` (64 values) of a Q4_K super-block's nibbles `quants`, as the AVX2 kernels multiply it: the scales of
    /// its two 32-value sub-blocks as 16-bit lanes, and their values (the low nibbles, then the high ones) as bytes.
    @inline(__always)
    static func q4KChunk(
      _ quants: UnsafeRawPointer, scales: UInt64, _ j: Int, lowMask: __m256i
    ) -> (scaleLow: __m256i, scaleHigh: __m256i, low: __m256i, high: __m256i) {
      let bits = _mm256_loadu_si256((quants + 32 * j).assumingMemoryBound(to: __m256i.self))
      return (
        _mm256_set1_epi16(Int16(truncatingIfNeeded: scales >> UInt64(16 * j)) & 0xFF),
        _mm256_set1_epi16(Int16(truncatingIfNeeded: scales >> UInt64(16 * j + 8)) & 0xFF),
        _mm256_and_si256(bits, lowMask), _mm256_and_si256(_mm256_srli_epi16(bits, 4), lowMask)
      )
    }
  }
#endif
