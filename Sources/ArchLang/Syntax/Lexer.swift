/// Turns Python source text into tokens, including the INDENT/DEDENT tokens that carry block structure.
///
/// The lexer never traps: every malformed input ends in an `ArchLangError` with the position of the problem.
public struct Lexer {
  /// Python's reserved words; the parser treats them specially and they cannot be assigned.
  public static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  ]

  /// Operators and delimiters, longest first so that `**=` wins over `**` and `*`.
  public static let operators: [String] = [
    "**=", "//=", ">>=", "<<=", "...",
    "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=", ":=",
    "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
  ]

  /// The deepest block indentation accepted (Python's own limit is 100).
  static let maximumIndentLevels = 100

  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var column = 1
  private var indentStack: [Int] = [0]
  private var openBrackets: [(Unicode.Scalar, SourceLocation)] = []
  private var tokens: [Token] = []
  private var atLineStart = true

  private init(_ source: String) {
    scalars = Array(source.unicodeScalars)
  }

  /// Splits `source` into tokens ending with NEWLINE, the pending DEDENTs and END-OF-INPUT.
  public static func tokenize(_ source: String) throws(ArchLangError) -> [Token] {
    var lexer = Lexer(source)
    try lexer.run()
    return lexer.tokens
  }

  private var location: SourceLocation { SourceLocation(line: line, column: column) }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    let position = index + offset
    return position < scalars.count ? scalars[position] : nil
  }

  private mutating func advance() {
    guard index < scalars.count else { return }
    let scalar = scalars[index]
    index += 1
    if scalar == "\n" || (scalar == "\r" && peek() != "\n") {
      line += 1
      column = 1
    } else if scalar != "\r" {
      column += 1
    }
  }

  private static func isNewline(_ scalar: Unicode.Scalar?) -> Bool { scalar == "\n" || scalar == "\r" }

  static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == "_" || (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") { return true }
    return scalar.value > 127 && scalar.properties.isAlphabetic
  }

  static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
    isIdentifierStart(scalar) || isDigit(scalar) || (scalar.value > 127 && scalar.properties.numericType != nil)
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

  private mutating func emit(_ kind: TokenKind, at location: SourceLocation) {
    tokens.append(Token(kind, at: location))
  }

  private mutating func run() throws(ArchLangError) {
    while true {
      if atLineStart && openBrackets.isEmpty {
        if try !handleLineStart() { break }
        continue
      }
      guard let scalar = peek() else { break }
      if scalar == " " || scalar == "\t" || scalar == "\u{0C}" {
        advance()
        continue
      }
      if scalar == "#" {
        while let next = peek(), !Lexer.isNewline(next) { advance() }
        continue
      }
      if scalar == "\\" {
        let start = location
        advance()
        if Lexer.isNewline(peek()) {
          advance()
          continue
        }
        if peek() == nil {
          throw ArchLangError(.syntax, "unexpected end of input after line continuation '\\'", at: start)
        }
        throw ArchLangError(.syntax, "unexpected character after line continuation '\\'", at: start)
      }
      if Lexer.isNewline(scalar) {
        let start = location
        advance()
        if openBrackets.isEmpty {
          emit(.newline, at: start)
          atLineStart = true
        }
        continue
      }
      if Lexer.isIdentifierStart(scalar) {
        try lexNameOrPrefixedString()
        continue
      }
      if Lexer.isDigit(scalar) || (scalar == "." && peek(1).map(Lexer.isDigit) == true) {
        try lexNumber()
        continue
      }
      if scalar == "'" || scalar == "\"" {
        try lexString(prefix: "", start: location)
        continue
      }
      try lexOperator()
    }
    if let (bracket, where_) = openBrackets.last {
      throw ArchLangError(.syntax, "'\(bracket)' was never closed", at: where_)
    }
    let end = location
    if let last = tokens.last, last.kind != .newline {
      emit(.newline, at: end)
    }
    while indentStack.count > 1 {
      indentStack.removeLast()
      emit(.dedent, at: end)
    }
    emit(.endOfInput, at: end)
  }

  /// Measures indentation at the start of a physical line; returns false at the end of input.
  private mutating func handleLineStart() throws(ArchLangError) -> Bool {
    var width = 0
    while let scalar = peek() {
      if scalar == " " {
        width += 1
      } else if scalar == "\t" {
        width = (width / 8 + 1) * 8
      } else if scalar == "\u{0C}" {
        width = 0
      } else {
        break
      }
      advance()
    }
    guard let next = peek() else { return false }
    if Lexer.isNewline(next) {
      advance()
      return true
    }
    if next == "#" {
      while let scalar = peek(), !Lexer.isNewline(scalar) { advance() }
      return true
    }
    if next == "\\" && Lexer.isNewline(peek(1)) {
      // A continuation at the start of a line joins it to the next one; indentation comes from here.
      advance()
      advance()
    }
    let start = location
    atLineStart = false
    let current = indentStack[indentStack.count - 1]
    if width > current {
      guard indentStack.count <= Lexer.maximumIndentLevels else {
        throw ArchLangError(.syntax, "too many levels of indentation", at: start)
      }
      if tokens.isEmpty {
        throw ArchLangError(.syntax, "unexpected indent", at: start)
      }
      indentStack.append(width)
      emit(.indent, at: start)
    } else if width < current {
      while let top = indentStack.last, top > width {
        indentStack.removeLast()
        emit(.dedent, at: start)
      }
      if indentStack.last != width {
        throw ArchLangError(.syntax, "unindent does not match any outer indentation level", at: start)
      }
    }
    return true
  }

  private mutating func lexNameOrPrefixedString() throws(ArchLangError) {
    let start = location
    var name = ""
    while let scalar = peek(), Lexer.isIdentifierContinue(scalar) {
      name.unicodeScalars.append(scalar)
      advance()
    }
    if let quote = peek(), quote == "'" || quote == "\"" {
      let lowered = name.lowercased()
      if ["r", "u", "f", "b", "rb", "br", "fr", "rf"].contains(lowered) {
        try lexString(prefix: lowered, start: start)
        return
      }
    }
    emit(.name(name), at: start)
  }

  private mutating func lexNumber() throws(ArchLangError) {
    let start = location
    var text = ""
    func invalid(_ message: String) -> ArchLangError { ArchLangError(.syntax, message, at: start) }
    if peek() == "0", let marker = peek(1), "xXoObB".unicodeScalars.contains(marker) {
      advance()
      advance()
      let radix: Int
      switch marker {
      case "x", "X": radix = 16
      case "o", "O": radix = 8
      default: radix = 2
      }
      while let scalar = peek(), Lexer.isIdentifierContinue(scalar) {
        if scalar != "_" { text.unicodeScalars.append(scalar) }
        advance()
      }
      guard !text.isEmpty, let value = Int(text, radix: radix) else {
        throw invalid(text.isEmpty ? "invalid number literal" : "invalid or too large number literal")
      }
      emit(.integer(value), at: start)
      return
    }
    var isFloat = false
    func readDigits() {
      while let scalar = peek(), Lexer.isDigit(scalar) || (scalar == "_" && peek(1).map(Lexer.isDigit) == true) {
        if scalar != "_" { text.unicodeScalars.append(scalar) }
        advance()
      }
    }
    readDigits()
    if peek() == "." {
      isFloat = true
      text += "."
      advance()
      readDigits()
      if text.hasSuffix(".") { text += "0" }
    }
    if let e = peek(), e == "e" || e == "E" {
      let signed = peek(1) == "+" || peek(1) == "-"
      if let digit = peek(signed ? 2 : 1), Lexer.isDigit(digit) {
        isFloat = true
        text += "e"
        advance()
        if signed, let sign = peek() {
          text.unicodeScalars.append(sign)
          advance()
        }
        readDigits()
      }
    }
    if let scalar = peek(), scalar == "j" || scalar == "J" {
      throw invalid("complex number literals are not supported")
    }
    if let scalar = peek(), Lexer.isIdentifierContinue(scalar) {
      throw invalid("invalid number literal")
    }
    if isFloat {
      if text.hasPrefix(".") { text = "0" + text }
      if text.hasSuffix(".") { text += "0" }
      guard let value = Double(text), value.isFinite else { throw invalid("invalid float literal") }
      emit(.float(value), at: start)
    } else {
      guard let value = Int(text) else { throw invalid("integer literal is too large") }
      emit(.integer(value), at: start)
    }
  }

  private mutating func lexString(prefix: String, start: SourceLocation) throws(ArchLangError) {
    if prefix.contains("b") {
      throw ArchLangError(.unsupported, "bytes literals are not supported", at: start)
    }
    let isRaw = prefix.contains("r")
    let isFormatted = prefix.contains("f")
    guard let quote = peek() else { return }
    let isTriple = peek(1) == quote && peek(2) == quote
    for _ in 0..<(isTriple ? 3 : 1) { advance() }
    let bodyStart = location
    var raw = ""
    while true {
      guard let scalar = peek() else {
        throw ArchLangError(
          .syntax, isTriple ? "unterminated triple-quoted string literal" : "unterminated string literal", at: start)
      }
      if scalar == "\\" {
        raw.unicodeScalars.append(scalar)
        advance()
        if let escaped = peek() {
          raw.unicodeScalars.append(escaped)
          advance()
        }
        continue
      }
      if scalar == quote {
        if !isTriple {
          advance()
          break
        }
        if peek(1) == quote && peek(2) == quote {
          advance()
          advance()
          advance()
          break
        }
      }
      if Lexer.isNewline(scalar) && !isTriple {
        throw ArchLangError(.syntax, "unterminated string literal", at: start)
      }
      raw.unicodeScalars.append(scalar)
      advance()
    }
    if isFormatted {
      emit(.formattedString(raw: raw, isRaw: isRaw, bodyStart: bodyStart), at: start)
    } else {
      emit(.string(isRaw ? raw : try Lexer.decodeEscapes(raw, at: start)), at: start)
    }
  }

  /// Decodes Python backslash escapes (`\n`, `\x41`, `\u00e9`, line continuations inside strings).
  static func decodeEscapes(_ raw: String, at location: SourceLocation) throws(ArchLangError) -> String {
    let input = Array(raw.unicodeScalars)
    var output = String.UnicodeScalarView()
    var position = 0
    func hexValue(length: Int) throws(ArchLangError) -> Unicode.Scalar {
      guard position + length <= input.count else {
        throw ArchLangError(.syntax, "truncated escape sequence in string literal", at: location)
      }
      var text = ""
      text.unicodeScalars.append(contentsOf: input[position..<(position + length)])
      guard let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else {
        throw ArchLangError(.syntax, "invalid escape sequence in string literal", at: location)
      }
      position += length
      return scalar
    }
    while position < input.count {
      let scalar = input[position]
      position += 1
      guard scalar == "\\", position < input.count else {
        output.append(scalar)
        continue
      }
      let escaped = input[position]
      position += 1
      switch escaped {
      case "\n": break
      case "\r": if position < input.count && input[position] == "\n" { position += 1 }
      case "\\": output.append("\\")
      case "'": output.append("'")
      case "\"": output.append("\"")
      case "n": output.append("\n")
      case "t": output.append("\t")
      case "r": output.append("\r")
      case "0": output.append("\0")
      case "a": output.append("\u{07}")
      case "b": output.append("\u{08}")
      case "f": output.append("\u{0C}")
      case "v": output.append("\u{0B}")
      case "x": output.append(try hexValue(length: 2))
      case "u": output.append(try hexValue(length: 4))
      case "U": output.append(try hexValue(length: 8))
      default:
        output.append("\\")
        output.append(escaped)
      }
    }
    return String(output)
  }

  private mutating func lexOperator() throws(ArchLangError) {
    let start = location
    for candidate in Lexer.operators {
      let candidateScalars = Array(candidate.unicodeScalars)
      var matches = true
      for (offset, scalar) in candidateScalars.enumerated() where peek(offset) != scalar {
        matches = false
        break
      }
      guard matches else { continue }
      for _ in candidateScalars { advance() }
      let first = candidateScalars[0]
      if first == "(" || first == "[" || first == "{" {
        guard openBrackets.count < 200 else { throw ArchLangError(.syntax, "too many nested brackets", at: start) }
        openBrackets.append((first, start))
      } else if first == ")" || first == "]" || first == "}" {
        guard let (open, openLocation) = openBrackets.popLast() else {
          throw ArchLangError(.syntax, "unmatched '\(first)'", at: start)
        }
        let expected: Unicode.Scalar = open == "(" ? ")" : open == "[" ? "]" : "}"
        if expected != first {
          throw ArchLangError(
            .syntax, "closing '\(first)' does not match opening '\(open)' at \(openLocation)", at: start)
        }
      }
      emit(.op(candidate), at: start)
      return
    }
    guard let scalar = peek() else { return }
    if scalar == "!" {
      throw ArchLangError(.syntax, "invalid syntax: '!' (did you mean '!=' or 'not'?)", at: start)
    }
    if scalar == "$" || scalar == "?" || scalar == "`" {
      throw ArchLangError(.syntax, "invalid character '\(scalar)'", at: start)
    }
    throw ArchLangError(
      .syntax, "invalid character '\(scalar)' (U+\(String(scalar.value, radix: 16, uppercase: true)))", at: start)
  }
}
