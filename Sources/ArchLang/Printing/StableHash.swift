/// 64-bit FNV-1a: a hash that is the same in every process and on every machine (Swift's `Hasher` is seeded per
/// process), for fingerprints a session log records and later runs compare.
public enum StableHash {
  /// The hash of `bytes`.
  public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// The hash of `text`'s UTF-8 bytes as 16 hex digits.
  public static func hexDigest(_ text: String) -> String {
    let hex = String(fnv1a64(text.utf8), radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
