extension Program {
  /// The program in canonical form: formatting, comments and docstrings removed, literals normalised.
  public var canonicalSource: String {
    PrettyPrinter(includeDocstrings: false).source(of: self)
  }

  /// A 64-bit FNV-1a hash of `canonicalSource` as 16 hex digits: equal for programs that differ only in formatting,
  /// comments or docstrings, which is what duplicate detection needs.
  public var fingerprint: String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in canonicalSource.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
