#if arch(x86_64) && os(Linux)
  import _Builtin_intrinsics.intel
#endif

/// Q5_0 blocks (22 bytes per 32 values): an F16 scale `d`, 32 high bits `qh` (a little-endian UInt32) and 16 bytes of
/// low nibbles (values 0-15 low, 16-31 high); value `k` is `d · ((nibble_k | bit_k << 4) − 16)`.
extension MatrixKernels {
  /// Q5_0 row · Q8_0 activation: per block `d_w·d_x·Σ q_w·q_x`, the integer sums in 32-bit lanes of four values
  /// each, as `ggml_vec_dot_q5_0_q8_0` forms them.
  @inline(__always)
  static func dotQ5_0(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    #if arch(x86_64) && os(Linux)
      var acc = _mm256_setzero_ps()
      for b in 0..<blocks {
        let block = row + b * 22
        let products = laneSums(signed: q5_0Weights(block), load256(x.values + b * 32))
        accumulate(products, scale: half(block, 0) * x.scales[b], into: &acc)
      }
      return horizontalSum(acc)
    #else
      return dotQ5_0Portable(row, x, blocks: blocks)
    #endif
  }

  /// `dotQ5_0` in plain Swift (any architecture), bit-identical to the AVX2 kernel.
  static func dotQ5_0Portable(_ row: UnsafeRawPointer, _ x: QuantizedActivation, blocks: Int) -> Float {
    var acc = SIMD8<Float>()
    for b in 0..<blocks {
      let block = row + b * 22
      let high = block.loadUnaligned(fromByteOffset: 2, as: UInt32.self)
      let lanes = integerLaneSums(x.values + b * 32) { k in
        (nibble(block + 6, k) | (Int32((high >> UInt32(k)) & 1) << 4)) - 16
      }
      acc = acc.addingProduct(SIMD8(repeating: half(block, 0) * x.scales[b]), SIMD8<Float>(lanes))
    }
    return horizontalSum(acc)
  }

  /// `output[i · outputStride + r] = row r · input i` for the weight rows `rows` and the first `count` prepared
  /// inputs (a batched prompt). The rows are unpacked once, to one signed byte per weight and a float scale per
  /// block, and then every input passes over them four at a time: unpacking a block takes more instructions than
  /// multiplying it with one input, and a prompt has hundreds of inputs. Each input's sum follows `dotQ5_0`'s order
  /// exactly, so the results are bit-identical to one input at a time.
  static func multiplyQ5_0Tile(
    _ data: UnsafeRawPointer, rowBytes: Int, rows: Range<Int>, columns: Int, inputs: ProjectionInputs, count: Int,
    outputs: UnsafeMutablePointer<Float>, outputStride: Int
  ) {
    let blocks = columns / 32
    #if arch(x86_64) && os(Linux)
      withUnsafeTemporaryAllocation(of: Int8.self, capacity: rows.count * columns) { weights in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: rows.count * blocks) { scales in
          for (t, r) in rows.enumerated() {
            unpackQ5_0(
              data + r * rowBytes, blocks: blocks, into: weights.baseAddress! + t * columns,
              scales: scales.baseAddress! + t * blocks)
          }
          var i = 0
          while i + 4 <= count {
            let x0 = inputs.input(row: i, columns: columns).blocks
            let x1 = inputs.input(row: i + 1, columns: columns).blocks
            let x2 = inputs.input(row: i + 2, columns: columns).blocks
            let x3 = inputs.input(row: i + 3, columns: columns).blocks
            for (t, r) in rows.enumerated() {
              let results = dotQ5_0Unpacked(
                weights.baseAddress! + t * columns, scales.baseAddress! + t * blocks, x0, x1, x2, x3, blocks: blocks)
              for k in 0..<4 { outputs[(i + k) * outputStride + r] = results[k] }
            }
            i += 4
          }
          for j in i..<count {
            let x = inputs.input(row: j, columns: columns).blocks
            for r in rows { outputs[j * outputStride + r] = dotQ5_0(data + r * rowBytes, x, blocks: blocks) }
          }
        }
      }
    #else
      for j in 0..<count {
        let x = inputs.input(row: j, columns: columns).blocks
        for r in rows { outputs[j * outputStride + r] = dotQ5_0Portable(data + r * rowBytes, x, blocks: blocks) }
      }
    #endif
  }

  #if arch(x86_64) && os(Linux)
    /// A Q5_0 row unpacked: each block's 32 weights `q − 16` as signed bytes and its scale `d` as a float.
    @inline(__always)
    static func unpackQ5_0(
      _ row: UnsafeRawPointer, blocks: Int, into weights: UnsafeMutablePointer<Int8>,
      scales: UnsafeMutablePointer<Float>
    ) {
      for b in 0..<blocks {
        let block = row + b * 22
        _mm256_storeu_si256(
          UnsafeMutableRawPointer(weights + b * 32).assumingMemoryBound(to: __m256i.self), q5_0Weights(block))
        scales[b] = half(block, 0)
      }
    }

    /// One unpacked Q5_0 row (`unpackQ5_0`) against four activations, each sum in `dotQ5_0`'s order.
    @inline(__always)
    static func dotQ5_0Unpacked(
      _ weights: UnsafePointer<Int8>, _ scales: UnsafePointer<Float>, _ x0: QuantizedActivation,
      _ x1: QuantizedActivation, _ x2: QuantizedActivation, _ x3: QuantizedActivation, blocks: Int
    ) -> SIMD4<Float> {
      var acc0 = _mm256_setzero_ps()
      var acc1 = _mm256_setzero_ps()
      var acc2 = _mm256_setzero_ps()
      var acc3 = _mm256_setzero_ps()
      for b in 0..<blocks {
        let signed = load256(weights + b * 32)
        // `laneSums(signed:)` with the weights' magnitudes taken once for the four activations.
        let magnitudes = _mm256_sign_epi8(signed, signed)
        let d = scales[b]
        @inline(__always)
        func step(_ x: QuantizedActivation, _ acc: inout __m256) {
          let quanta = _mm256_sign_epi8(load256(x.values + b * 32), signed)
          accumulate(laneSums(unsigned: magnitudes, quanta), scale: d * x.scales[b], into: &acc)
        }
        step(x0, &acc0)
        step(x1, &acc1)
        step(x2, &acc2)
        step(x3, &acc3)
      }
      return SIMD4(horizontalSum(acc0), horizontalSum(acc1), horizontalSum(acc2), horizontalSum(acc3))
    }
  #endif

  #if arch(x86_64) && os(Linux)
    /// The 32 signed 5-bit weights of a Q5_0 block, `q − 16`, one per byte.
    @inline(__always)
    static func q5_0Weights(_ block: UnsafeRawPointer) -> __m256i {
      // Where the high bit is clear, `nibble | 0xF0` is `nibble − 16` as a signed byte; where set, the nibble is
      // already `nibble + 16 − 16`.
      return _mm256_or_si256(nibbles(block + 6), _mm256_andnot_si256(bytesFromBits(block + 2), _mm256_set1_epi8(-16)))
    }

    /// 32 bits spread to 32 bytes: 0xFF where bit `k` is set, 0 elsewhere.
    @inline(__always)
    static func bytesFromBits(_ source: UnsafeRawPointer) -> __m256i {
      let bits = Int32(bitPattern: source.loadUnaligned(as: UInt32.self))
      let byteOfBit = _mm256_set_epi64x(0x0303_0303_0303_0303, 0x0202_0202_0202_0202, 0x0101_0101_0101_0101, 0)
      let spread = _mm256_shuffle_epi8(_mm256_set1_epi32(bits), byteOfBit)
      // Every bit but bit k % 8 set in byte k: the byte is all ones exactly when bit k was set.
      let others = _mm256_or_si256(spread, _mm256_set1_epi64x(0x7FBF_DFEF_F7FB_FDFE))
      return _mm256_cmpeq_epi8(others, _mm256_set1_epi64x(-1))
    }
  #endif
}
