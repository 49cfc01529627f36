import LanguageModels

/// The text of every vocabulary token that constrained decoding may emit; nil for the rest (control tokens,
/// bytes outside printable ASCII and newline, empty tokens), which are never allowed.
public struct TokenVocabulary: Sendable {
  /// Text per token id.
  public let texts: [String?]

  /// Decodes every token of `tokenizer` once.
  public init(tokenizer: Tokenizer) {
    texts = (0..<tokenizer.count).map { token in
      let bytes = tokenizer.bytes(of: token)
      guard !bytes.isEmpty, bytes.allSatisfy({ $0 == 0x0A || ($0 >= 0x20 && $0 < 0x7F) }) else { return nil }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// A vocabulary given by its texts (tests, other tokenizers).
  public init(texts: [String?]) {
    self.texts = texts
  }

  /// Number of tokens.
  public var count: Int { texts.count }
}
