#if arch(x86_64) && os(Linux)
  import _Builtin_intrinsics.intel
#endif

/// The K-quant kernels for four activations at once (batched prompts): each block's weights are unpacked once
/// and every activation's sums follow `dotQ4_K` / `dotQ6_K` exactly, so the results are bit-identical to four
/// single calls.
extension MatrixKernels {
  /// `dotQ4_K` for four activations.
  @inline(__always)
  static func dotQ4_K(
    _ row: UnsafeRawPointer, _ y0: SuperBlockActivation, _ y1: SuperBlockActivation, _ y2: SuperBlockActivation,
    _ y3: SuperBlockActivation, blocks: Int
  ) -> SIMD4<Float> {
    #if arch(x86_64) && os(Linux)
      var acc = (_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps())
      var minimumAcc = (_mm_setzero_ps(), _mm_setzero_ps(), _mm_setzero_ps(), _mm_setzero_ps())
      let lowMask = _mm256_set1_epi8(15)
      for b in 0..<blocks {
        let block = row + b * 144
        let dWeights = half(block, 0)
        let dminWeights = half(block, 2)
        let (scales, mins) = q4KScalesAndMins(block + 4)
        let wideMins = _mm_cvtepu8_epi16(_mm_set_epi64x(0, Int64(bitPattern: mins)))
        @inline(__always)
        func minimumStep(_ y: SuperBlockActivation, _ acc: inout __m128) {
          let subBlockSums = _mm_hadd_epi16(
            _mm_loadu_si128(UnsafeRawPointer(y.sums + b * 16).assumingMemoryBound(to: __m128i.self)),
            _mm_loadu_si128(UnsafeRawPointer(y.sums + b * 16 + 8).assumingMemoryBound(to: __m128i.self)))
          acc = _mm_fmadd_ps(
            _mm_set1_ps(-y.scales[b] * dminWeights), _mm_cvtepi32_ps(_mm_madd_epi16(wideMins, subBlockSums)), acc)
        }
        minimumStep(y0, &minimumAcc.0)
        minimumStep(y1, &minimumAcc.1)
        minimumStep(y2, &minimumAcc.2)
        minimumStep(y3, &minimumAcc.3)
        var sums = (
          _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()
        )
        let quants = block + 16
        for j in 0..<4 {
          let (scaleLow, scaleHigh, low, high) = q4KChunk(quants, scales: scales, j, lowMask: lowMask)
          @inline(__always)
          func step(_ y: SuperBlockActivation, _ sum: inout __m256i) {
            let activation = y.values + b * 256 + 64 * j
            let xLow = _mm256_loadu_si256(UnsafeRawPointer(activation).assumingMemoryBound(to: __m256i.self))
            let xHigh = _mm256_loadu_si256(UnsafeRawPointer(activation + 32).assumingMemoryBound(to: __m256i.self))
            let productLow = _mm256_madd_epi16(scaleLow, _mm256_maddubs_epi16(low, xLow))
            let productHigh = _mm256_madd_epi16(scaleHigh, _mm256_maddubs_epi16(high, xHigh))
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(productLow, productHigh))
          }
          step(y0, &sums.0)
          step(y1, &sums.1)
          step(y2, &sums.2)
          step(y3, &sums.3)
        }
        acc.0 = _mm256_fmadd_ps(_mm256_set1_ps(y0.scales[b] * dWeights), _mm256_cvtepi32_ps(sums.0), acc.0)
        acc.1 = _mm256_fmadd_ps(_mm256_set1_ps(y1.scales[b] * dWeights), _mm256_cvtepi32_ps(sums.1), acc.1)
        acc.2 = _mm256_fmadd_ps(_mm256_set1_ps(y2.scales[b] * dWeights), _mm256_cvtepi32_ps(sums.2), acc.2)
        acc.3 = _mm256_fmadd_ps(_mm256_set1_ps(y3.scales[b] * dWeights), _mm256_cvtepi32_ps(sums.3), acc.3)
      }
      return SIMD4(
        horizontalSum(acc.0) + horizontalSum(minimumAcc.0), horizontalSum(acc.1) + horizontalSum(minimumAcc.1),
        horizontalSum(acc.2) + horizontalSum(minimumAcc.2), horizontalSum(acc.3) + horizontalSum(minimumAcc.3))
    #else
      return SIMD4(
        dotQ4_K(row, y0, blocks: blocks), dotQ4_K(row, y1, blocks: blocks), dotQ4_K(row, y2, blocks: blocks),
        dotQ4_K(row, y3, blocks: blocks))
    #endif
  }

  /// `dotQ6_K` for four activations.
  @inline(__always)
  static func dotQ6_K(
    _ row: UnsafeRawPointer, _ y0: SuperBlockActivation, _ y1: SuperBlockActivation, _ y2: SuperBlockActivation,
    _ y3: SuperBlockActivation, blocks: Int
  ) -> SIMD4<Float> {
    #if arch(x86_64) && os(Linux)
      var acc = (_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps())
      let lowMask = _mm256_set1_epi8(15)
      let twoBits = _mm256_set1_epi8(3)
      for b in 0..<blocks {
        let block = row + b * 210
        let dWeights = half(block, 208)
        let scales = block + 192
        let wideScales = _mm256_cvtepi8_epi16(_mm_loadu_si128(scales.assumingMemoryBound(to: __m128i.self)))
        @inline(__always)
        func offset(_ y: SuperBlockActivation) -> __m256i {
          let blockSums = _mm256_loadu_si256(UnsafeRawPointer(y.sums + b * 16).assumingMemoryBound(to: __m256i.self))
          return _mm256_slli_epi32(_mm256_madd_epi16(blockSums, wideScales), 5)
        }
        var sums = (
          _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()
        )
        for j in 0..<2 {
          let lowBits = block + 64 * j
          let bits1 = _mm256_loadu_si256(lowBits.assumingMemoryBound(to: __m256i.self))
          let bits2 = _mm256_loadu_si256((lowBits + 32).assumingMemoryBound(to: __m256i.self))
          let highBits = _mm256_loadu_si256((block + 128 + 32 * j).assumingMemoryBound(to: __m256i.self))
          let w0 = _mm256_or_si256(
            _mm256_and_si256(bits1, lowMask), _mm256_slli_epi16(_mm256_and_si256(highBits, twoBits), 4))
          let w1 = _mm256_or_si256(
            _mm256_and_si256(bits2, lowMask),
            _mm256_slli_epi16(_mm256_and_si256(highBits, _mm256_set1_epi8(12)), 2))
          let w2 = _mm256_or_si256(
            _mm256_and_si256(_mm256_srli_epi16(bits1, 4), lowMask), _mm256_and_si256(highBits, _mm256_set1_epi8(48)))
          let w3 = _mm256_or_si256(
            _mm256_and_si256(_mm256_srli_epi16(bits2, 4), lowMask),
            _mm256_srli_epi16(_mm256_and_si256(highBits, _mm256_set1_epi8(-64)), 2))
          @inline(__always)
          func scale(_ chunk: Int) -> __m256i {
            let first = Int16(scales.load(fromByteOffset: 8 * j + 2 * chunk, as: Int8.self))
            let second = Int16(scales.load(fromByteOffset: 8 * j + 2 * chunk + 1, as: Int8.self))
            return _mm256_set_m128i(_mm_set1_epi16(second), _mm_set1_epi16(first))
          }
          let (s0, s1, s2, s3) = (scale(0), scale(1), scale(2), scale(3))
          @inline(__always)
          func step(_ y: SuperBlockActivation, _ sum: inout __m256i) {
            let activation = y.values + b * 256 + 128 * j
            @inline(__always)
            func product(_ w: __m256i, _ s: __m256i, _ chunk: Int) -> __m256i {
              let x = _mm256_loadu_si256(
                UnsafeRawPointer(activation + 32 * chunk).assumingMemoryBound(to: __m256i.self))
              return _mm256_madd_epi16(s, _mm256_maddubs_epi16(w, x))
            }
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(product(w0, s0, 0), product(w1, s1, 1)))
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(product(w2, s2, 2), product(w3, s3, 3)))
          }
          step(y0, &sums.0)
          step(y1, &sums.1)
          step(y2, &sums.2)
          step(y3, &sums.3)
        }
        @inline(__always)
        func finish(_ y: SuperBlockActivation, _ sum: __m256i, _ acc: inout __m256) {
          let corrected = _mm256_sub_epi32(sum, offset(y))
          acc = _mm256_fmadd_ps(_mm256_set1_ps(y.scales[b] * dWeights), _mm256_cvtepi32_ps(corrected), acc)
        }
        finish(y0, sums.0, &acc.0)
        finish(y1, sums.1, &acc.1)
        finish(y2, sums.2, &acc.2)
        finish(y3, sums.3, &acc.3)
      }
      return SIMD4(horizontalSum(acc.0), horizontalSum(acc.1), horizontalSum(acc.2), horizontalSum(acc.3))
    #else
      return SIMD4(
        dotQ6_K(row, y0, blocks: blocks), dotQ6_K(row, y1, blocks: blocks), dotQ6_K(row, y2, blocks: blocks),
        dotQ6_K(row, y3, blocks: blocks))
    #endif
  }
}
