/// The regular-expression splits that byte-level BPE tokenizers apply before merging, written out by hand.
///
/// Each case reproduces the pattern llama.cpp uses for the `tokenizer.ggml.pre` value named in its comment;
/// the splits work on Unicode scalars, as those patterns do.
public enum PreTokenizer: Sendable, Equatable {
  /// GPT-2: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
  case gpt2
  /// `smollm` (also StarCoder): every digit on its own first, then the GPT-2 pattern.
  case smollm
  /// `llama-bpe` / `llama3`: case-insensitive contractions, letters with one leading non-letter, numbers of 1–3 digits.
  case llama3
  /// `qwen2`: the Llama 3 pattern with single digits.
  case qwen2

  /// The pre-tokenizer for a `tokenizer.ggml.pre` value (GPT-2 when unknown or absent).
  public init(ggmlName: String?) {
    switch ggmlName {
    case "smollm", "starcoder", "refact", "codeshell": self = .smollm
    case "llama-bpe", "llama3", "llama-v3", "falcon3", "pixtral": self = .llama3
    case "qwen2", "deepseek-r1-qwen": self = .qwen2
    default: self = .gpt2
    }
  }

  /// Whether a piece that is itself a vocabulary entry becomes that token without applying merges (Llama 3's
  /// `ignore_merges`, which llama.cpp also applies).
  public var ignoresMerges: Bool { self == .llama3 }

  /// Splits `text` into the pieces that BPE merges independently.
  public func split(_ text: Substring.UnicodeScalarView) -> [ArraySlice<Unicode.Scalar>] {
    let scalars = Array(text)
    var pieces: [Range<Int>] = []
    switch self {
    case .gpt2:
      PreTokenizer.splitGPT2(scalars, 0..<scalars.count, into: &pieces)
    case .smollm:
      var start = 0
      for i in 0..<scalars.count where PreTokenizer.isNumber(scalars[i]) {
        if start < i { PreTokenizer.splitGPT2(scalars, start..<i, into: &pieces) }
        pieces.append(i..<(i + 1))
        start = i + 1
      }
      if start < scalars.count { PreTokenizer.splitGPT2(scalars, start..<scalars.count, into: &pieces) }
    case .llama3:
      PreTokenizer.splitLlama3(scalars, maxDigits: 3, into: &pieces)
    case .qwen2:
      PreTokenizer.splitLlama3(scalars, maxDigits: 1, into: &pieces)
    }
    return pieces.map { scalars[$0] }
  }

  static func isLetter(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
  }

  static func isNumber(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .decimalNumber, .letterNumber, .otherNumber: return true
    default: return false
    }
  }

  static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

  static func isNewline(_ s: Unicode.Scalar) -> Bool { s == "\r" || s == "\n" }

  /// Neither whitespace, letter nor number: `[^\s\p{L}\p{N}]`.
  static func isOther(_ s: Unicode.Scalar) -> Bool { !isSpace(s) && !isLetter(s) && !isNumber(s) }

  /// End of the run of scalars from `start` satisfying `predicate`, stopping at `end` or after `limit`.
  static func runEnd(
    _ s: [Unicode.Scalar], from start: Int, to end: Int, limit: Int = .max, _ predicate: (Unicode.Scalar) -> Bool
  ) -> Int {
    var i = start
    while i < end, i - start < limit, predicate(s[i]) { i += 1 }
    return i
  }

  /// Length of an English contraction (`'s`, `'re`, …) starting at `i`, or 0.
  static func contractionLength(_ s: [Unicode.Scalar], at i: Int, end: Int, caseInsensitive: Bool) -> Int {
    guard s[i] == "'", i + 1 < end else { return 0 }
    func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
      caseInsensitive ? (Unicode.Scalar(String(c).lowercased()) ?? c) : c
    }
    let next = lower(s[i + 1])
    if ["s", "t", "m", "d"].contains(next) { return 2 }
    if i + 2 < end {
      let pair = (next, lower(s[i + 2]))
      if pair == ("r", "e") || pair == ("v", "e") || pair == ("l", "l") { return 3 }
    }
    return 0
  }

  /// Whitespace handling shared by the patterns: `\s+(?!\S)` then `\s+`, starting at whitespace `i`.
  static func whitespaceEnd(_ s: [Unicode.Scalar], at i: Int, end: Int) -> Int {
    let runEnd = runEnd(s, from: i, to: end, isSpace)
    if runEnd == end || runEnd - i == 1 { return runEnd }
    return runEnd - 1
  }

  static func splitGPT2(_ s: [Unicode.Scalar], _ range: Range<Int>, into pieces: inout [Range<Int>]) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      var j: Int
      let contraction = contractionLength(s, at: i, end: end, caseInsensitive: false)
      if contraction > 0 {
        j = i + contraction
      } else {
        let body = (s[i] == " " && i + 1 < end) ? i + 1 : i
        if isLetter(s[body]) {
          j = runEnd(s, from: body, to: end, isLetter)
        } else if isNumber(s[body]) {
          j = runEnd(s, from: body, to: end, isNumber)
        } else if isOther(s[body]) {
          j = runEnd(s, from: body, to: end, isOther)
        } else {
          j = whitespaceEnd(s, at: i, end: end)
        }
      }
      pieces.append(i..<j)
      i = j
    }
  }

  static func splitLlama3(_ s: [Unicode.Scalar], maxDigits: Int, into pieces: inout [Range<Int>]) {
    var i = 0
    let end = s.count
    while i < end {
      var j: Int
      let c = s[i]
      let contraction = contractionLength(s, at: i, end: end, caseInsensitive: true)
      if contraction > 0 {
        j = i + contraction
      } else if isLetter(c) {
        j = runEnd(s, from: i, to: end, isLetter)
      } else if !isNewline(c), !isNumber(c), i + 1 < end, isLetter(s[i + 1]) {
        j = runEnd(s, from: i + 1, to: end, isLetter)
      } else if isNumber(c) {
        j = runEnd(s, from: i, to: end, limit: maxDigits, isNumber)
      } else if isOther(c) || (c == " " && i + 1 < end && isOther(s[i + 1])) {
        let body = isOther(c) ? i : i + 1
        j = runEnd(s, from: body, to: end, isOther)
        j = runEnd(s, from: j, to: end, isNewline)
      } else {
        let spaceEnd = runEnd(s, from: i, to: end, isSpace)
        if let lastNewline = (i..<spaceEnd).last(where: { isNewline(s[$0]) }) {
          j = lastNewline + 1
        } else {
          j = whitespaceEnd(s, at: i, end: end)
        }
      }
      pieces.append(i..<j)
      i = j
    }
  }
}
