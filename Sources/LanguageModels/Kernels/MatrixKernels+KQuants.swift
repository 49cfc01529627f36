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
        let minimumProducts = q4KMinimumProducts(q4KWideMins(mins), y.sums + b * 16)
        minimumAcc = _mm_fmadd_ps(_mm_set1_ps(dmin), _mm_cvtepi32_ps(minimumProducts), minimumAcc)
        var sums = _mm256_setzero_si256()
        let quants = block + 16
        let activation = y.values + b * 256
        for j in 0..<4 {
          let chunk = q4KChunk(quants, scales: scales, j, lowMask: lowMask)
          sums = _mm256_add_epi32(sums, q4KChunkSums(chunk, activation + 64 * j))
        }
        accumulate(sums, scale: d, into: &acc)
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
      for b in 0..<blocks {
        let block = row + b * 210
        let d = y.scales[b] * half(block, 208)
        let scales = block + 192
        let offsetPart = q6KOffset(y.sums + b * 16, wideScales: _mm256_cvtepi8_epi16(load128(scales)))
        var sums = _mm256_setzero_si256()
        for j in 0..<2 {
          q6KHalfSums(
            q6KHalfWeights(block, j), q6KHalfScales(scales, j), y.values + b * 256 + 128 * j, into: &sums)
        }
        accumulate(_mm256_sub_epi32(sums, offsetPart), scale: d, into: &acc)
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
    /// The eight 6-bit minimums of a Q4_K block (`q4KScalesAndMins`) as 16-bit lanes.
    @inline(__always)
    static func q4KWideMins(_ mins: UInt64) -> __m128i {
      _mm_cvtepu8_epi16(_mm_set_epi64x(0, Int64(bitPattern: mins)))
    }

    /// The sums of 32 activation quanta per sub-block (from the 16-value sums `blockSums`) times the sub-block
    /// minimums `wideMins` (`q4KWideMins`), two sub-blocks a lane, in four lanes.
    @inline(__always)
    static func q4KMinimumProducts(_ wideMins: __m128i, _ blockSums: UnsafePointer<Int16>) -> __m128i {
      _mm_madd_epi16(wideMins, _mm_hadd_epi16(load128(blockSums), load128(blockSums + 8)))
    }

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

    /// Σ scale · weight · quantum of a Q4_K chunk (`q4KChunk`) against its 64 activation quanta, in eight lanes.
    @inline(__always)
    static func q4KChunkSums(
      _ chunk: (scaleLow: __m256i, scaleHigh: __m256i, low: __m256i, high: __m256i), _ quanta: UnsafePointer<Int8>
    ) -> __m256i {
      _mm256_add_epi32(
        laneSums(unsigned: chunk.low, load256(quanta), scales: chunk.scaleLow),
        laneSums(unsigned: chunk.high, load256(quanta + 32), scales: chunk.scaleHigh))
    }

    /// Half `j` (128 values) of a Q6_K super-block's weights as four 32-value chunks of unsigned bytes (0-63): the
    /// low nibbles of bytes 0-31, of bytes 32-63, then the high nibbles of each, every one with its two high bits.
    @inline(__always)
    static func q6KHalfWeights(_ block: UnsafeRawPointer, _ j: Int) -> (__m256i, __m256i, __m256i, __m256i) {
      let lowMask = _mm256_set1_epi8(15)
      let bits1 = load256(block + 64 * j)
      let bits2 = load256(block + 64 * j + 32)
      let highBits = load256(block + 128 + 32 * j)
      let high0 = _mm256_slli_epi16(_mm256_and_si256(highBits, _mm256_set1_epi8(3)), 4)
      let high1 = _mm256_slli_epi16(_mm256_and_si256(highBits, _mm256_set1_epi8(12)), 2)
      let high2 = _mm256_and_si256(highBits, _mm256_set1_epi8(48))
      let high3 = _mm256_srli_epi16(_mm256_and_si256(highBits, _mm256_set1_epi8(-64)), 2)
      return (
        _mm256_or_si256(_mm256_and_si256(bits1, lowMask), high0),
        _mm256_or_si256(_mm256_and_si256(bits2, lowMask), high1),
        _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(bits1, 4), lowMask), high2),
        _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(bits2, 4), lowMask), high3)
      )
    }

    /// The scales of the four chunks of half `j` of a Q6_K super-block (`scales`: its sixteen int8 scales) as
    /// 16-bit lanes: a chunk's first scale over its first 16 values, its second over the rest.
    @inline(__always)
    static func q6KHalfScales(_ scales: UnsafeRawPointer, _ j: Int) -> (__m256i, __m256i, __m256i, __m256i) {
      @inline(__always)
      func chunkScales(_ chunk: Int) -> __m256i {
        let first = Int16(scales.load(fromByteOffset: 8 * j + 2 * chunk, as: Int8.self))
        let second = Int16(scales.load(fromByteOffset: 8 * j + 2 * chunk + 1, as: Int8.self))
        return _mm256_set_m128i(_mm_set1_epi16(second), _mm_set1_epi16(first))
      }
      return (chunkScales(0), chunkScales(1), chunkScales(2), chunkScales(3))
    }

    /// `sums += Σ scale · weight · quantum` over a Q6_K half (`q6KHalfWeights`, `q6KHalfScales`) and its 128
    /// activation quanta, two chunks at a time as ggml adds them.
    @inline(__always)
    static func q6KHalfSums(
      _ weights: (__m256i, __m256i, __m256i, __m256i), _ scales: (__m256i, __m256i, __m256i, __m256i),
      _ quanta: UnsafePointer<Int8>, into sums: inout __m256i
    ) {
      let product0 = laneSums(unsigned: weights.0, load256(quanta), scales: scales.0)
      let product1 = laneSums(unsigned: weights.1, load256(quanta + 32), scales: scales.1)
      sums = _mm256_add_epi32(sums, _mm256_add_epi32(product0, product1))
      let product2 = laneSums(unsigned: weights.2, load256(quanta + 64), scales: scales.2)
      let product3 = laneSums(unsigned: weights.3, load256(quanta + 96), scales: scales.3)
      sums = _mm256_add_epi32(sums, _mm256_add_epi32(product2, product3))
    }

    /// `32 · Σ scale · (sum of 16 quanta)` in eight lanes, two scales a lane: what the `−32` of every Q6_K weight
    /// takes off the sums. `wideScales`: the block's sixteen scales as 16-bit lanes.
    @inline(__always)
    static func q6KOffset(_ blockSums: UnsafePointer<Int16>, wideScales: __m256i) -> __m256i {
      _mm256_slli_epi32(_mm256_madd_epi16(load256(blockSums), wideScales), 5)
    }
  }
#endif
