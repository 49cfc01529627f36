/// Converts ggml tensor storage (plain or block-quantised) to `Float`, following ggml's reference dequantisers.
public enum GGMLDequantizer {
  /// Writes `count` values (a multiple of the type's block size) decoded from `source` into `destination`.
  public static func dequantize(
    _ type: GGMLType, source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Float>
  ) {
    let blocks = count / type.blockSize
    switch type {
    case .f32:
      destination.update(from: source.assumingMemoryBound(to: Float.self), count: count)
    case .f16:
      for i in 0..<count { destination[i] = Float(halfAt(source, i * 2)) }
    case .bf16:
      for i in 0..<count {
        let bits = UInt32(source.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
        destination[i] = Float(bitPattern: bits << 16)
      }
    case .q4_0:
      for b in 0..<blocks {
        let block = source + b * 18
        let scale = halfAt(block, 0)
        let out = destination + b * 32
        for j in 0..<16 {
          let byte = block.load(fromByteOffset: 2 + j, as: UInt8.self)
          out[j] = Float(Int(byte & 0xF) - 8) * scale
          out[j + 16] = Float(Int(byte >> 4) - 8) * scale
        }
      }
    case .q4_1:
      for b in 0..<blocks {
        let block = source + b * 20
        let scale = halfAt(block, 0)
        let minimum = halfAt(block, 2)
        let out = destination + b * 32
        for j in 0..<16 {
          let byte = block.load(fromByteOffset: 4 + j, as: UInt8.self)
          out[j] = Float(byte & 0xF) * scale + minimum
          out[j + 16] = Float(byte >> 4) * scale + minimum
        }
      }
    case .q5_0:
      for b in 0..<blocks {
        let block = source + b * 22
        let scale = halfAt(block, 0)
        let high = block.loadUnaligned(fromByteOffset: 2, as: UInt32.self)
        let out = destination + b * 32
        for j in 0..<16 {
          let byte = block.load(fromByteOffset: 6 + j, as: UInt8.self)
          let low = Int(byte & 0xF) | Int((high >> UInt32(j)) & 1) << 4
          let upper = Int(byte >> 4) | Int((high >> UInt32(j + 16)) & 1) << 4
          out[j] = Float(low - 16) * scale
          out[j + 16] = Float(upper - 16) * scale
        }
      }
    case .q8_0:
      for b in 0..<blocks {
        let block = source + b * 34
        let scale = halfAt(block, 0)
        let out = destination + b * 32
        for j in 0..<32 { out[j] = Float(block.load(fromByteOffset: 2 + j, as: Int8.self)) * scale }
      }
    case .q4_K:
      for b in 0..<blocks { dequantizeQ4K(block: source + b * 144, into: destination + b * 256) }
    case .q6_K:
      for b in 0..<blocks { dequantizeQ6K(block: source + b * 210, into: destination + b * 256) }
    }
  }

  /// The IEEE half-precision value stored at `offset`.
  @inline(__always)
  static func halfAt(_ pointer: UnsafeRawPointer, _ offset: Int) -> Float {
    Float(Float16(bitPattern: pointer.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
  }

  /// Q4_K: 256 values in 8 sub-blocks of 32, each with a 6-bit scale and 6-bit minimum packed into 12 bytes.
  static func dequantizeQ4K(block: UnsafeRawPointer, into out: UnsafeMutablePointer<Float>) {
    let d = halfAt(block, 0)
    let dmin = halfAt(block, 2)
    let scales = (block + 4).assumingMemoryBound(to: UInt8.self)
    var quants = (block + 16).assumingMemoryBound(to: UInt8.self)
    var y = out
    var subBlock = 0
    for _ in 0..<4 {
      let (scaleA, minA) = q4KScaleMin(subBlock, scales)
      let (scaleB, minB) = q4KScaleMin(subBlock + 1, scales)
      let d1 = d * Float(scaleA)
      let m1 = dmin * Float(minA)
      let d2 = d * Float(scaleB)
      let m2 = dmin * Float(minB)
      for l in 0..<32 { y[l] = d1 * Float(quants[l] & 0xF) - m1 }
      for l in 0..<32 { y[32 + l] = d2 * Float(quants[l] >> 4) - m2 }
      quants += 32
      y += 64
      subBlock += 2
    }
  }

  /// The 6-bit scale and minimum of Q4_K sub-block `j`.
  @inline(__always)
  static func q4KScaleMin(_ j: Int, _ q: UnsafePointer<UInt8>) -> (UInt8, UInt8) {
    if j < 4 { return (q[j] & 63, q[j + 4] & 63) }
    return ((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4), (q[j + 4] >> 4) | ((q[j] >> 6) << 4))
  }

  /// Q6_K: 256 values of 6 bits (low 4 in `ql`, high 2 in `qh`) with 16 signed 8-bit sub-block scales.
  static func dequantizeQ6K(block: UnsafeRawPointer, into out: UnsafeMutablePointer<Float>) {
    var low = block.assumingMemoryBound(to: UInt8.self)
    var high = (block + 128).assumingMemoryBound(to: UInt8.self)
    var scales = (block + 192).assumingMemoryBound(to: Int8.self)
    let d = halfAt(block, 208)
    var y = out
    for _ in 0..<2 {
      for l in 0..<32 {
        let group = l / 16
        let q1 = Int((low[l] & 0xF) | (((high[l] >> 0) & 3) << 4)) - 32
        let q2 = Int((low[l + 32] & 0xF) | (((high[l] >> 2) & 3) << 4)) - 32
        let q3 = Int((low[l] >> 4) | (((high[l] >> 4) & 3) << 4)) - 32
        let q4 = Int((low[l + 32] >> 4) | (((high[l] >> 6) & 3) << 4)) - 32
        y[l] = d * Float(scales[group]) * Float(q1)
        y[l + 32] = d * Float(scales[group + 2]) * Float(q2)
        y[l + 64] = d * Float(scales[group + 4]) * Float(q3)
        y[l + 96] = d * Float(scales[group + 6]) * Float(q4)
      }
      y += 128
      low += 64
      high += 32
      scales += 8
    }
  }
}
