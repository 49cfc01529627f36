extension Parser {
  /// Splits an f-string body into literal text and replacement fields, parsing each field's expression.
  func parseFormattedString(
    _ raw: String, isRaw: Bool, bodyStart: SourceLocation, at location: SourceLocation
  ) throws(ArchLangError) -> [FormattedStringPart] {
    var cursor = FormattedStringCursor(raw, start: bodyStart)
    var parts: [FormattedStringPart] = []
    var literal = ""
    func flushLiteral() throws(ArchLangError) {
      guard !literal.isEmpty else { return }
      parts.append(.literal(isRaw ? literal : try Lexer.decodeEscapes(literal, at: location)))
      literal = ""
    }
    while !cursor.isAtEnd {
      let scalar = cursor.current
      if scalar == "\\" && !isRaw && cursor.next != nil {
        literal.unicodeScalars.append(scalar)
        cursor.step()
        literal.unicodeScalars.append(cursor.current)
        cursor.step()
        continue
      }
      if scalar == "}" {
        if cursor.next == "}" {
          literal += "}"
          cursor.step()
          cursor.step()
          continue
        }
        throw ArchLangError(.syntax, "f-string: single '}' is not allowed", at: cursor.here)
      }
      guard scalar == "{" else {
        literal.unicodeScalars.append(scalar)
        cursor.step()
        continue
      }
      if cursor.next == "{" {
        literal += "{"
        cursor.step()
        cursor.step()
        continue
      }
      try flushLiteral()
      parts.append(try Self.parseReplacementField(&cursor))
    }
    try flushLiteral()
    return parts
  }

  /// `{expression!conversion:spec}`, from its opening brace to past its closing one.
  private static func parseReplacementField(_ cursor: inout FormattedStringCursor) throws(ArchLangError)
    -> FormattedStringPart
  {
    let fieldStart = cursor.here
    cursor.step()
    let expressionStart = cursor.here
    let expressionText = try scanFieldExpression(&cursor)
    guard !cursor.isAtEnd else {
      throw ArchLangError(.syntax, "f-string: expecting '}'", at: fieldStart)
    }
    let trimmed = String(expressionText.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    if trimmed.hasSuffix("=") && !trimmed.hasSuffix("==") && !trimmed.hasSuffix("!=") {
      throw ArchLangError(
        .unsupported, "f-string '=' self-documenting expressions are not supported", at: expressionStart)
    }
    let expression = try Parser.parseExpression(expressionText, offsetBy: expressionStart)
    var conversion: Character?
    if cursor.current == "!" {
      cursor.step()
      guard !cursor.isAtEnd, "rsa".unicodeScalars.contains(cursor.current) else {
        throw ArchLangError(
          .syntax, "f-string: invalid conversion character (expected 'r', 's' or 'a')", at: cursor.here)
      }
      conversion = Character(cursor.current)
      cursor.step()
    }
    var formatSpec: String?
    if !cursor.isAtEnd && cursor.current == ":" {
      cursor.step()
      var spec = ""
      while !cursor.isAtEnd && cursor.current != "}" {
        if cursor.current == "{" {
          throw ArchLangError(
            .unsupported, "nested replacement fields in f-string format specs are not supported", at: cursor.here)
        }
        spec.unicodeScalars.append(cursor.current)
        cursor.step()
      }
      formatSpec = spec
    }
    guard !cursor.isAtEnd, cursor.current == "}" else {
      throw ArchLangError(.syntax, "f-string: expecting '}'", at: fieldStart)
    }
    cursor.step()
    return .replacement(expression, conversion: conversion, formatSpec: formatSpec)
  }

  /// A field's expression text, up to the `}`, `!` or `:` that ends it outside brackets and quotes.
  private static func scanFieldExpression(_ cursor: inout FormattedStringCursor) throws(ArchLangError) -> String {
    var expressionText = ""
    var depth = 0
    var quote: Unicode.Scalar?
    scan: while !cursor.isAtEnd {
      let character = cursor.current
      if let open = quote {
        if character == open { quote = nil }
      } else {
        switch character {
        case "'", "\"": quote = character
        case "(", "[", "{": depth += 1
        case ")", "]": depth -= 1
        case "}":
          if depth == 0 { break scan }
          depth -= 1
        case "!":
          if depth == 0 && cursor.next != "=" { break scan }
        case ":":
          if depth == 0 { break scan }
        case "\\":
          throw ArchLangError(.syntax, "f-string expression part cannot include a backslash", at: cursor.here)
        default: break
        }
      }
      expressionText.unicodeScalars.append(character)
      cursor.step()
    }
    return expressionText
  }
}

/// A position in an f-string's body that knows its line and column in the program.
struct FormattedStringCursor {
  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line: Int
  private var column: Int

  init(_ raw: String, start: SourceLocation) {
    scalars = Array(raw.unicodeScalars)
    line = start.line
    column = start.column
  }

  var isAtEnd: Bool { index >= scalars.count }
  var current: Unicode.Scalar { scalars[index] }
  /// The scalar after the current one, or nil at the end.
  var next: Unicode.Scalar? { index + 1 < scalars.count ? scalars[index + 1] : nil }
  var here: SourceLocation { SourceLocation(line: line, column: column) }

  mutating func step() {
    if scalars[index] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }
}
