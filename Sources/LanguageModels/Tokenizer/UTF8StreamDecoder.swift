/// Turns a stream of token bytes into text pieces that never split a UTF-8 character.
public struct UTF8StreamDecoder: Sendable {
  private var pending: [UInt8] = []

  public init() {}

  /// Appends `bytes` and returns the text of every complete character now available.
  public mutating func append(_ bytes: [UInt8]) -> String {
    pending.append(contentsOf: bytes)
    var end = pending.count
    // Hold back an incomplete trailing sequence (at most 3 bytes of a 4-byte character).
    var back = 0
    while back < min(3, pending.count) {
      let byte = pending[pending.count - 1 - back]
      if byte & 0xC0 == 0x80 {
        back += 1
        continue
      }
      if byte & 0x80 != 0 {
        let needed = byte & 0xE0 == 0xC0 ? 2 : byte & 0xF0 == 0xE0 ? 3 : byte & 0xF8 == 0xF0 ? 4 : 1
        if back + 1 < needed { end = pending.count - 1 - back }
      }
      break
    }
    let text = String(decoding: pending[..<end], as: UTF8.self)
    pending.removeFirst(end)
    return text
  }

  /// Whatever is left, invalid bytes replaced.
  public mutating func finish() -> String {
    defer { pending.removeAll() }
    return String(decoding: pending, as: UTF8.self)
  }
}
