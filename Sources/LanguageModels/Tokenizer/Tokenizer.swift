import Foundation

/// A tokenizer built from GGUF metadata: byte-level BPE (`gpt2`) or SentencePiece (`llama`), with special tokens.
///
/// Control and user-defined tokens written in the text (e.g. `<|im_start|>`) are matched before the rest is
/// split, longest first, as llama.cpp does when it parses special tokens.
public final class Tokenizer: Sendable {
  /// The algorithm (and pre-tokenizer) the GGUF names.
  public let kind: TokenizerKind
  /// Token texts by id, as stored in the vocabulary.
  public let tokens: [String]
  /// `tokenizer.ggml.token_type` per id (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte).
  public let tokenTypes: [Int]
  /// Beginning- and end-of-sequence ids from the metadata.
  public let bosTokenID: Int?
  public let eosTokenID: Int?
  /// Whether a BOS token should start every prompt (`tokenizer.ggml.add_bos_token`).
  public let addsBOS: Bool
  /// Whether SentencePiece input starts with a space (`tokenizer.ggml.add_space_prefix`).
  public let addsSpacePrefix: Bool
  /// Ids that end generation: EOS, EOT and other end-of-turn control tokens.
  public let endOfGenerationIDs: Set<Int>
  /// `tokenizer.chat_template`, when present.
  public let chatTemplateSource: String?

  let idForToken: [String: Int]
  let mergeRanks: [String: Int]
  let scores: [Float]
  /// Special token ids sorted by decreasing text length.
  let specialTokensByLength: [Int]
  let byteTokenIDs: [Int]

  /// Reads the `tokenizer.*` keys of `file`.
  public init(file: GGUFFile) throws {
    guard let model = file.string("tokenizer.ggml.model") else { throw GGUFError.missingKey("tokenizer.ggml.model") }
    guard let tokenValues = file.metadata["tokenizer.ggml.tokens"]?.arrayValue else {
      throw GGUFError.missingKey("tokenizer.ggml.tokens")
    }
    let tokens = tokenValues.map { $0.stringValue ?? "" }
    let types =
      file.metadata["tokenizer.ggml.token_type"]?.arrayValue?.map { $0.intValue ?? 1 }
      ?? [Int](repeating: 1, count: tokens.count)
    switch model {
    case "gpt2":
      kind = .byteLevelBPE(PreTokenizer(ggmlName: file.string("tokenizer.ggml.pre")))
      addsBOS = file.bool("tokenizer.ggml.add_bos_token") ?? false
      addsSpacePrefix = false
    case "llama":
      kind = .sentencePiece
      addsBOS = file.bool("tokenizer.ggml.add_bos_token") ?? true
      addsSpacePrefix = file.bool("tokenizer.ggml.add_space_prefix") ?? true
    default:
      throw GGUFError.unsupportedTokenizer(model)
    }
    self.tokens = tokens
    tokenTypes = types
    bosTokenID = file.int("tokenizer.ggml.bos_token_id")
    eosTokenID = file.int("tokenizer.ggml.eos_token_id")
    chatTemplateSource = file.string("tokenizer.chat_template")
    var idForToken: [String: Int] = [:]
    idForToken.reserveCapacity(tokens.count)
    for (id, text) in tokens.enumerated() where idForToken[text] == nil { idForToken[text] = id }
    self.idForToken = idForToken
    var ranks: [String: Int] = [:]
    if let merges = file.metadata["tokenizer.ggml.merges"]?.arrayValue {
      ranks.reserveCapacity(merges.count)
      for (rank, merge) in merges.enumerated() {
        if let text = merge.stringValue, ranks[text] == nil { ranks[text] = rank }
      }
    }
    mergeRanks = ranks
    scores =
      file.metadata["tokenizer.ggml.scores"]?.arrayValue?.map { $0.floatValue ?? 0 }
      ?? [Float](repeating: 0, count: tokens.count)
    specialTokensByLength = (0..<tokens.count)
      .filter { [2, 3, 4].contains(types[$0]) && !tokens[$0].isEmpty }
      .sorted { tokens[$0].utf8.count > tokens[$1].utf8.count }
    byteTokenIDs = (0..<256).map { idForToken[String(format: "<0x%02X>", $0)] ?? -1 }
    var ends = Set<Int>()
    if let eos = eosTokenID { ends.insert(eos) }
    if let eot = file.int("tokenizer.ggml.eot_token_id") { ends.insert(eot) }
    for name in ["<|im_end|>", "<|eot_id|>", "<|end_of_text|>", "<|endoftext|>", "<end_of_turn>"] {
      if let id = idForToken[name], types[id] == 3 { ends.insert(id) }
    }
    endOfGenerationIDs = ends
  }

  /// Vocabulary size.
  public var count: Int { tokens.count }

  /// The id of a token text, if the vocabulary has it.
  public func id(of token: String) -> Int? { idForToken[token] }

  /// Token ids of `text`: special tokens written in the text become their ids when `parseSpecial` is true;
  /// BOS is prepended when `addBOS` is true (nil: as the GGUF asks).
  public func encode(_ text: String, addBOS: Bool? = nil, parseSpecial: Bool = true) -> [Int] {
    var output: [Int] = []
    if addBOS ?? addsBOS, let bos = bosTokenID { output.append(bos) }
    var previousWasSpecial = true
    for fragment in splitOnSpecialTokens(text, parseSpecial: parseSpecial) {
      switch fragment {
      case .special(let id):
        output.append(id)
        previousWasSpecial = true
      case .text(let piece):
        switch kind {
        case .byteLevelBPE(let preTokenizer):
          for word in preTokenizer.split(piece.unicodeScalars) { encodeByteLevel(word, into: &output) }
        case .sentencePiece:
          let prefixed = (addsSpacePrefix && previousWasSpecial ? " " : "") + piece
          encodeSentencePiece(prefixed.replacingOccurrences(of: " ", with: "\u{2581}"), into: &output)
        }
        previousWasSpecial = false
      }
    }
    return output
  }

  /// A piece of input text: plain text or a special token matched in it.
  enum Fragment {
    case text(Substring)
    case special(Int)
  }

  /// Cuts `text` at every occurrence of a special token's text, longest tokens first.
  func splitOnSpecialTokens(_ text: String, parseSpecial: Bool) -> [Fragment] {
    var fragments: [Fragment] = [.text(text[...])]
    for id in specialTokensByLength {
      if !parseSpecial && tokenTypes[id] != 4 { continue }
      let needle = tokens[id]
      var next: [Fragment] = []
      for fragment in fragments {
        guard case .text(var rest) = fragment else {
          next.append(fragment)
          continue
        }
        while let found = rest.range(of: needle) {
          if found.lowerBound > rest.startIndex { next.append(.text(rest[rest.startIndex..<found.lowerBound])) }
          next.append(.special(id))
          rest = rest[found.upperBound...]
        }
        if !rest.isEmpty { next.append(.text(rest)) }
      }
      fragments = next
    }
    return fragments
  }
}
