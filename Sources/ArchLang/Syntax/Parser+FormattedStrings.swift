extension Parser {
  /// Splits an f-string body into literal text and replacement fields, parsing each field's expression.
  func parseFormattedString(
    _ raw: String, isRaw: Bool, bodyStart: SourceLocation, at location: SourceLocation
  ) throws(ArchLangError) -> [FormattedStringPart] {
    let scalars = Array(raw.unicodeScalars)
    var parts: [FormattedStringPart] = []
    var literal = ""
    var index = 0
    var line = bodyStart.line
    var column = bodyStart.column
    func here() -> SourceLocation { SourceLocation(line: line, column: column) }
    func step() {
      if scalars[index] == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
    func flushLiteral() throws(ArchLangError) {
      guard !literal.isEmpty else { return }
      parts.append(.literal(isRaw ? literal : try Lexer.decodeEscapes(literal, at: location)))
      literal = ""
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\" && !isRaw && index + 1 < scalars.count {
        literal.unicodeScalars.append(scalar)
        step()
        literal.unicodeScalars.append(scalars[index])
        step()
        continue
      }
      if scalar == "}" {
        if index + 1 < scalars.count && scalars[index + 1] == "}" {
          literal += "}"
          step()
          step()
          continue
        }
        throw ArchLangError(.syntax, "f-string: single '}' is not allowed", at: here())
      }
      guard scalar == "{" else {
        literal.unicodeScalars.append(scalar)
        step()
        continue
      }
      if index + 1 < scalars.count && scalars[index + 1] == "{" {
        literal += "{"
        step()
        step()
        continue
      }
      try flushLiteral()
      let fieldStart = here()
      step()
      let expressionStart = here()
      var expressionText = ""
      var depth = 0
      var quote: Unicode.Scalar?
      scan: while index < scalars.count {
        let character = scalars[index]
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
            if depth == 0 && !(index + 1 < scalars.count && scalars[index + 1] == "=") { break scan }
          case ":":
            if depth == 0 { break scan }
          case "\\":
            throw ArchLangError(.syntax, "f-string expression part cannot include a backslash", at: here())
          default: break
          }
        }
        expressionText.unicodeScalars.append(character)
        step()
      }
      guard index < scalars.count else {
        throw ArchLangError(.syntax, "f-string: expecting '}'", at: fieldStart)
      }
      let trimmed = String(expressionText.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
      if trimmed.hasSuffix("=") && !trimmed.hasSuffix("==") && !trimmed.hasSuffix("!=") {
        throw ArchLangError(
          .unsupported, "f-string '=' self-documenting expressions are not supported", at: expressionStart)
      }
      let expression = try Parser.parseExpression(expressionText, offsetBy: expressionStart)
      var conversion: Character?
      if scalars[index] == "!" {
        step()
        guard index < scalars.count, "rsa".unicodeScalars.contains(scalars[index]) else {
          throw ArchLangError(.syntax, "f-string: invalid conversion character (expected 'r', 's' or 'a')", at: here())
        }
        conversion = Character(scalars[index])
        step()
      }
      var formatSpec: String?
      if index < scalars.count && scalars[index] == ":" {
        step()
        var spec = ""
        while index < scalars.count && scalars[index] != "}" {
          if scalars[index] == "{" {
            throw ArchLangError(
              .unsupported, "nested replacement fields in f-string format specs are not supported", at: here())
          }
          spec.unicodeScalars.append(scalars[index])
          step()
        }
        formatSpec = spec
      }
      guard index < scalars.count, scalars[index] == "}" else {
        throw ArchLangError(.syntax, "f-string: expecting '}'", at: fieldStart)
      }
      step()
      parts.append(.replacement(expression, conversion: conversion, formatSpec: formatSpec))
    }
    try flushLiteral()
    return parts
  }
}
