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
        let wideMins = q4KWideMins(mins)
        @inline(__always)
        func minimumStep(_ y: SuperBlockActivation, _ acc: inout __m128) {
          let minimumProducts = q4KMinimumProducts(wideMins, y.sums + b * 16)
          acc = _mm_fmadd_ps(_mm_set1_ps(-y.scales[b] * dminWeights), _mm_cvtepi32_ps(minimumProducts), acc)
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
          let chunk = q4KChunk(quants, scales: scales, j, lowMask: lowMask)
          @inline(__always)
          func step(_ y: SuperBlockActivation, _ sum: inout __m256i) {
            sum = _mm256_add_epi32(sum, q4KChunkSums(chunk, y.values + b * 256 + 64 * j))
          }
          step(y0, &sums.0)
          step(y1, &sums.1)
          step(y2, &sums.2)
          step(y3, &sums.3)
        }
        accumulate(sums.0, scale: y0.scales[b] * dWeights, into: &acc.0)
        accumulate(sums.1, scale: y1.scales[b] * dWeights, into: &acc.1)
        accumulate(sums.2, scale: y2.scales[b] * dWeights, into: &acc.2)
        accumulate(sums.3, scale: y3.scales[b] * dWeights, into: &acc.3)
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
      for b in 0..<blocks {
        let block = row + b * 210
        let dWeights = half(block, 208)
        let scales = block + 192
        let wideScales = _mm256_cvtepi8_epi16(load128(scales))
        var sums = (
          _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()
        )
        for j in 0..<2 {
          let weights = q6KHalfWeights(block, j)
          let chunkScales = q6KHalfScales(scales, j)
          let offset = b * 256 + 128 * j
          q6KHalfSums(weights, chunkScales, y0.values + offset, into: &sums.0)
          q6KHalfSums(weights, chunkScales, y1.values + offset, into: &sums.1)
          q6KHalfSums(weights, chunkScales, y2.values + offset, into: &sums.2)
          q6KHalfSums(weights, chunkScales, y3.values + offset, into: &sums.3)
        }
        @inline(__always)
        func finish(_ y: SuperBlockActivation, _ sum: __m256i, _ acc: inout __m256) {
          let corrected = _mm256_sub_epi32(sum, q6KOffset(y.sums + b * 16, wideScales: wideScales))
          accumulate(corrected, scale: y.scales[b] * dWeights, into: &acc)
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
