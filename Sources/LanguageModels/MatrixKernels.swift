/// Fused dot products of one stored weight row with a float vector, written with SIMD over 32-value blocks.
enum MatrixKernels {
  /// Sums of `x` over each consecutive block of 32 values (`count` a multiple of 32).
  @inline(__always)
  static func blockSums(_ x: UnsafePointer<Float>, _ count: Int, into sums: UnsafeMutablePointer<Float>) {
    let raw = UnsafeRawPointer(x)
    for b in 0..<(count / 32) {
      let offset = b * 128
      var s = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
      s += raw.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
      sums[b] = s.sum()
    }
  }

  @inline(__always)
  static func dotF32(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ count: Int) -> Float {
    let xs = UnsafeRawPointer(x)
    var acc0 = SIMD16<Float>()
    var acc1 = SIMD16<Float>()
    var i = 0
    while i + 32 <= count {
      acc0.addProduct(
        row.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self),
        xs.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self))
      acc1.addProduct(
        row.loadUnaligned(fromByteOffset: i * 4 + 64, as: SIMD16<Float>.self),
        xs.loadUnaligned(fromByteOffset: i * 4 + 64, as: SIMD16<Float>.self))
      i += 32
    }
    var total = (acc0 + acc1).sum()
    let w = row.assumingMemoryBound(to: Float.self)
    while i < count {
      total += w[i] * x[i]
      i += 1
    }
    return total
  }

  @inline(__always)
  static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
    Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
  }

  /// Q4_1 row: value = q·d + m, so a block contributes d·(q·x) + m·sum(x).
  @inline(__always)
  static func dotQ4_1(
    _ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ sums: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    let xs = UnsafeRawPointer(x)
    var total = SIMD16<Float>()
    var minimumPart: Float = 0
    for b in 0..<(count / 32) {
      let block = row + b * 20
      let bytes = block.loadUnaligned(fromByteOffset: 4, as: SIMD16<UInt8>.self)
      let low = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: bytes & 15))
      let high = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: bytes &>> 4))
      var acc = low * xs.loadUnaligned(fromByteOffset: b * 128, as: SIMD16<Float>.self)
      acc.addProduct(high, xs.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD16<Float>.self))
      total.addProduct(acc, SIMD16<Float>(repeating: half(block, 0)))
      minimumPart += half(block, 2) * sums[b]
    }
    return total.sum() + minimumPart
  }

  /// Q4_0 row: value = (q − 8)·d, so a block contributes d·(q·x − 8·sum(x)).
  @inline(__always)
  static func dotQ4_0(
    _ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ sums: UnsafePointer<Float>, _ count: Int
  ) -> Float {
    let xs = UnsafeRawPointer(x)
    var total = SIMD16<Float>()
    var offsetPart: Float = 0
    for b in 0..<(count / 32) {
      let block = row + b * 18
      let bytes = block.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self)
      let low = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: bytes & 15))
      let high = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: bytes &>> 4))
      var acc = low * xs.loadUnaligned(fromByteOffset: b * 128, as: SIMD16<Float>.self)
      acc.addProduct(high, xs.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD16<Float>.self))
      let scale = half(block, 0)
      total.addProduct(acc, SIMD16<Float>(repeating: scale))
      offsetPart += scale * sums[b]
    }
    return total.sum() - 8 * offsetPart
  }

  /// Q8_0 row: value = q·d with signed 8-bit q.
  @inline(__always)
  static func dotQ8_0(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ count: Int) -> Float {
    let xs = UnsafeRawPointer(x)
    var total = SIMD16<Float>()
    for b in 0..<(count / 32) {
      let block = row + b * 34
      let q0 = block.loadUnaligned(fromByteOffset: 2, as: SIMD16<Int8>.self)
      let q1 = block.loadUnaligned(fromByteOffset: 18, as: SIMD16<Int8>.self)
      var acc =
        SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: q0))
        * xs.loadUnaligned(fromByteOffset: b * 128, as: SIMD16<Float>.self)
      acc.addProduct(
        SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: q1)),
        xs.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD16<Float>.self))
      total.addProduct(acc, SIMD16<Float>(repeating: half(block, 0)))
    }
    return total.sum()
  }
}
