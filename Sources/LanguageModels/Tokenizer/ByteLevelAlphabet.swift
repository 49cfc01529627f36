/// GPT-2's reversible map between bytes and printable Unicode scalars used by byte-level BPE vocabularies.
enum ByteLevelAlphabet {
  /// `scalarForByte[b]`: printable bytes map to themselves, the other 68 to U+0100 onward.
  static let scalarForByte: [Unicode.Scalar] = {
    var table = [Unicode.Scalar](repeating: " ", count: 256)
    var next: UInt32 = 256
    for byte in 0..<256 {
      let printable = (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte)
      if printable {
        table[byte] = Unicode.Scalar(UInt32(byte))!
      } else {
        table[byte] = Unicode.Scalar(next)!
        next += 1
      }
    }
    return table
  }()

  /// The inverse map, from scalar value to byte.
  static let byteForScalar: [UInt32: UInt8] = {
    var inverse: [UInt32: UInt8] = [:]
    for (byte, scalar) in scalarForByte.enumerated() { inverse[scalar.value] = UInt8(byte) }
    return inverse
  }()
}
