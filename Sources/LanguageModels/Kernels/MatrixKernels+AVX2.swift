#if arch(x86_64) && os(Linux)
  import _Builtin_intrinsics.intel

  /// The AVX2 steps the quantised kernels share: loading bytes, unpacking nibbles and the integer products
  /// `madd(maddubs(w, x), scale)` that ggml sums a block with, in eight 32-bit lanes (lane i: values 4i..<4i+4).
  extension MatrixKernels {
    /// The 32 bytes at `source`, unaligned.
    @inline(__always)
    static func load256(_ source: UnsafeRawPointer) -> __m256i {
      _mm256_loadu_si256(source.assumingMemoryBound(to: __m256i.self))
    }

    /// The 16 bytes at `source`, unaligned.
    @inline(__always)
    static func load128(_ source: UnsafeRawPointer) -> __m128i {
      _mm_loadu_si128(source.assumingMemoryBound(to: __m128i.self))
    }

    /// The 32 nibbles of the 16 bytes at `packed`, one per byte: the low nibbles (values 0-15), then the high ones.
    @inline(__always)
    static func nibbles(_ packed: UnsafeRawPointer) -> __m256i {
      let bytes = load128(packed)
      return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(bytes, 4), bytes), _mm256_set1_epi8(15))
    }

    /// Lane i: Σ over values 4i..<4i+4 of `weights` (unsigned bytes) times `quanta` (signed bytes), each product
    /// pair times its 16-bit lane of `scales`.
    @inline(__always)
    static func laneSums(unsigned weights: __m256i, _ quanta: __m256i, scales: __m256i) -> __m256i {
      _mm256_madd_epi16(scales, _mm256_maddubs_epi16(weights, quanta))
    }

    /// Lane i: Σ over values 4i..<4i+4 of `weights` (unsigned bytes) times `quanta` (signed bytes).
    @inline(__always)
    static func laneSums(unsigned weights: __m256i, _ quanta: __m256i) -> __m256i {
      laneSums(unsigned: weights, quanta, scales: _mm256_set1_epi16(1))
    }

    /// Lane i: Σ over values 4i..<4i+4 of `weights` times `quanta`, both signed bytes. maddubs multiplies unsigned
    /// by signed, so the weights' signs move onto the quanta.
    @inline(__always)
    static func laneSums(signed weights: __m256i, _ quanta: __m256i) -> __m256i {
      laneSums(unsigned: _mm256_sign_epi8(weights, weights), _mm256_sign_epi8(quanta, weights))
    }

    /// `acc += scale · lanes`: one block's integer lane sums into the float accumulator, one FMA as ggml's.
    @inline(__always)
    static func accumulate(_ lanes: __m256i, scale: Float, into acc: inout __m256) {
      acc = _mm256_fmadd_ps(_mm256_set1_ps(scale), _mm256_cvtepi32_ps(lanes), acc)
    }
  }
#endif
