import ArchLang

/// Splits one line of program text (no newline) into `LineToken`s, or fails on characters the language never uses.
///
/// The last token may be incomplete (an identifier or number still being written, an open string); `endsOpen`
/// says whether the line ends right after it, i.e. whether more characters could still extend it.
struct LineLexer {
  /// ArchLang's operators and delimiters, longest first, without those the generation subset never writes.
  static let symbols: [String] = Lexer.operators.filter { !outsideGenerationSubset.contains($0) }

  /// Operators of the language that generated programs do not use: bitwise operators, most augmented
  /// assignments, braces, `;`, `->`, `:=` and `...` (a line holding one is refused at that character).
  static let outsideGenerationSubset: Set<String> = [
    "**=", "//=", ">>=", "<<=", "...", "<<", ">>", "->", "%=", "@=", "&=", "|=", "^=", ":=", "&", "|", "^", "{", "}",
    ";",
  ]

  /// Tokens of `line`, and whether the last one touches the end of the line; nil when the line has a character
  /// outside the language (tabs, braces, backslashes, non-ASCII, a lone `!`, ...).
  static func tokenize(_ line: [UInt8]) -> (tokens: [LineToken], endsOpen: Bool)? {
    var tokens: [LineToken] = []
    var index = 0
    var endsOpen = false
    while index < line.count {
      let byte = line[index]
      endsOpen = false
      if byte == 0x20 {
        index += 1
        continue
      }
      let start = index
      if isIdentifierStart(byte) {
        while index < line.count, isIdentifierStart(line[index]) || isDigit(line[index]) { index += 1 }
        tokens.append(LineToken(kind: .name, text: String(decoding: line[start..<index], as: UTF8.self)))
        endsOpen = index == line.count
      } else if isDigit(byte) {
        while index < line.count,
          isDigit(line[index]) || line[index] == 0x2E || line[index] == 0x65 || line[index] == 0x45
            || ((line[index] == 0x2D || line[index] == 0x2B) && (line[index - 1] == 0x65 || line[index - 1] == 0x45))
        {
          index += 1
        }
        let text = String(decoding: line[start..<index], as: UTF8.self)
        endsOpen = index == line.count
        guard isNumberPrefix(text, complete: !endsOpen) else { return nil }
        tokens.append(LineToken(kind: .number, text: text))
      } else if byte == 0x27 || byte == 0x22 {
        index += 1
        while index < line.count, line[index] != byte {
          guard line[index] >= 0x20, line[index] < 0x7F, line[index] != 0x5C else { return nil }
          index += 1
        }
        let terminated = index < line.count
        if terminated { index += 1 }
        tokens.append(
          LineToken(kind: .string(terminated: terminated), text: String(decoding: line[start..<index], as: UTF8.self)))
        endsOpen = !terminated
      } else if byte == 0x23 {
        for b in line[index...] where b < 0x20 || b >= 0x7F { return nil }
        // Long trailing comments are where a small model rambles.
        if line.count - index > PrefixChecker.maximumCommentLength { return nil }
        tokens.append(LineToken(kind: .comment, text: String(decoding: line[index...], as: UTF8.self)))
        index = line.count
        endsOpen = true
      } else if byte == 0x21 {
        // `!` only begins `!=`.
        if index + 1 == line.count {
          tokens.append(LineToken(kind: .symbol, text: "!"))
          endsOpen = true
          index += 1
        } else if line[index + 1] == 0x3D {
          tokens.append(LineToken(kind: .symbol, text: "!="))
          index += 2
        } else {
          return nil
        }
      } else {
        guard let symbol = symbols.first(where: { matches($0, line, at: index) }) else { return nil }
        tokens.append(LineToken(kind: .symbol, text: symbol))
        index += symbol.utf8.count
        endsOpen = index == line.count
      }
    }
    return (tokens, endsOpen)
  }

  static func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  static func isIdentifier(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard let first = bytes.first, isIdentifierStart(first) else { return false }
    return bytes.allSatisfy { isIdentifierStart($0) || isDigit($0) }
  }

  /// Whether `text` is a number literal (`complete`) or could still become one.
  static func isNumberPrefix(_ text: String, complete: Bool) -> Bool {
    if Double(text) != nil { return !text.contains("e") || text.last.map { $0.isNumber } == true }
    guard !complete else { return false }
    return Double(text + "0") != nil
  }

  private static func matches(_ symbol: String, _ line: [UInt8], at index: Int) -> Bool {
    let bytes = Array(symbol.utf8)
    guard index + bytes.count <= line.count else { return false }
    for offset in bytes.indices where line[index + offset] != bytes[offset] { return false }
    return true
  }
}
