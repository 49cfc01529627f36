import Foundation
import LanguageModels

/// The text of every vocabulary token that constrained decoding may emit; nil for the rest (control tokens,
/// bytes outside printable ASCII and newline, empty tokens), which are never allowed.
///
/// Built once per tokenizer and process (`shared(for:)`): Qwen2.5's 151,936 tokens take a moment to decode, and
/// every proposal of a search reads the same table.
public struct TokenVocabulary: Sendable {
  /// Text per token id.
  public let texts: [String?]
  /// The ids whose text is not nil, ascending: the only candidates a step needs to look at (about 40% of Qwen2.5's
  /// vocabulary, most of which is CJK and other non-ASCII text).
  public let emittableTokens: [Int32]

  /// Decodes every token of `tokenizer` once.
  public init(tokenizer: Tokenizer) {
    self.init(
      texts: (0..<tokenizer.count).map { token in
        let bytes = tokenizer.bytes(of: token)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 == 0x0A || ($0 >= 0x20 && $0 < 0x7F) }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
      })
  }

  /// A vocabulary given by its texts (tests, other tokenizers).
  public init(texts: [String?]) {
    self.texts = texts
    emittableTokens = texts.indices.compactMap { texts[$0] == nil ? nil : Int32($0) }
  }

  /// Number of tokens.
  public var count: Int { texts.count }

  /// The vocabulary of `tokenizer`, built on first use and kept for the life of the process.
  public static func shared(for tokenizer: Tokenizer) -> TokenVocabulary {
    let key = ObjectIdentifier(tokenizer)
    if let cached = cacheLock.withLock({ cache[key] }) { return cached.vocabulary }
    let vocabulary = TokenVocabulary(tokenizer: tokenizer)
    cacheLock.withLock { cache[key] = (tokenizer, vocabulary) }
    return vocabulary
  }

  /// Vocabularies by tokenizer; the entry keeps its tokenizer alive, so an identifier is never reused for another.
  nonisolated(unsafe) private static var cache:
    [ObjectIdentifier: (tokenizer: Tokenizer, vocabulary: TokenVocabulary)] =
      [:]
  private static let cacheLock = NSLock()
}
