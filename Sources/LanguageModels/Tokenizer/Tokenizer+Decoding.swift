import Foundation

extension Tokenizer {
  /// The bytes a token stands for; control tokens give their text only when `includeSpecial` is true.
  public func bytes(of token: Int, includeSpecial: Bool = false) -> [UInt8] {
    guard token >= 0, token < tokens.count else { return [] }
    let text = tokens[token]
    switch tokenTypes[token] {
    case 3, 5: return includeSpecial ? Array(text.utf8) : []
    case 4: return Array(text.utf8)
    case 6:
      if let byte = UInt8(text.dropFirst(3).dropLast(), radix: 16) { return [byte] }
      return Array(text.utf8)
    default: break
    }
    switch kind {
    case .byteLevelBPE:
      var result: [UInt8] = []
      for scalar in text.unicodeScalars {
        if let byte = ByteLevelAlphabet.byteForScalar[scalar.value] {
          result.append(byte)
        } else {
          result.append(contentsOf: Array(String(scalar).utf8))
        }
      }
      return result
    case .sentencePiece:
      return Array(text.replacingOccurrences(of: "\u{2581}", with: " ").utf8)
    }
  }

  /// The text of `tokens`, invalid UTF-8 repaired with U+FFFD.
  public func decode(_ tokens: [Int], includeSpecial: Bool = false) -> String {
    var bytes: [UInt8] = []
    for token in tokens { bytes.append(contentsOf: self.bytes(of: token, includeSpecial: includeSpecial)) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
