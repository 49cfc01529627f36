/// Fused dot products of one stored weight row with a float vector, written with SIMD over 32-value blocks.
enum MatrixKernels {
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

  /// `y += a · x` over `count` values.
  @inline(__always)
  static func addScaled(_ x: UnsafePointer<Float>, _ a: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
    let xs = UnsafeRawPointer(x)
    let ys = UnsafeMutableRawPointer(y)
    let factor = SIMD16<Float>(repeating: a)
    var i = 0
    while i + 16 <= count {
      var v = ys.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
      v.addProduct(xs.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self), factor)
      ys.storeBytes(of: v, toByteOffset: i * 4, as: SIMD16<Float>.self)
      i += 16
    }
    while i < count {
      y[i] += a * x[i]
      i += 1
    }
  }

  /// `y = a · x` over `count` values.
  @inline(__always)
  static func scaled(_ x: UnsafePointer<Float>, _ a: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { y[i] = a * x[i] }
  }
}
