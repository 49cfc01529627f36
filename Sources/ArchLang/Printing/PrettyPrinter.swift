import MemberwiseInit

/// Prints an AST back as canonical Python source: four-space indentation, single quotes, minimal parentheses.
///
/// Parsing the output gives the same AST, so printing is also the normal form behind `Program.fingerprint`.
@MemberwiseInit
public struct PrettyPrinter: Sendable {
  /// Whether bare string statements (docstrings) are printed; the fingerprint leaves them out.
  public var includeDocstrings: Bool = true

  /// The whole program as source text ending in a newline.
  public func source(of program: Program) -> String {
    var lines: [String] = []
    appendBlock(program.statements, indent: "", topLevel: true, into: &lines)
    return lines.joined(separator: "\n") + "\n"
  }

  /// One statement (and its nested blocks) as source text.
  public func source(of statement: Statement) -> String {
    var lines: [String] = []
    appendStatement(statement, indent: "", into: &lines)
    return lines.joined(separator: "\n")
  }

  private func appendBlock(_ statements: [Statement], indent: String, topLevel: Bool, into lines: inout [String]) {
    let kept = includeDocstrings ? statements : statements.filter { !$0.isBareString }
    if kept.isEmpty {
      if !topLevel { lines.append(indent + "pass") }
      return
    }
    for (offset, statement) in kept.enumerated() {
      let isDefinition: Bool
      switch statement.kind {
      case .functionDefinition, .classDefinition: isDefinition = true
      default: isDefinition = false
      }
      let previousWasDefinition: Bool
      if offset > 0, case .functionDefinition = kept[offset - 1].kind {
        previousWasDefinition = true
      } else if offset > 0, case .classDefinition = kept[offset - 1].kind {
        previousWasDefinition = true
      } else {
        previousWasDefinition = false
      }
      if offset > 0 && (isDefinition || previousWasDefinition) {
        lines.append("")
        if topLevel { lines.append("") }
      }
      appendStatement(statement, indent: indent, into: &lines)
    }
  }

  private func appendStatement(_ statement: Statement, indent: String, into lines: inout [String]) {
    let inner = indent + "    "
    switch statement.kind {
    case .expression(let expression):
      lines.append(indent + topLevel(expression))
    case .assign(let targets, let value):
      lines.append(indent + (targets + [value]).map(topLevel).joined(separator: " = "))
    case .augmentedAssign(let target, let op, let value):
      lines.append(indent + "\(topLevel(target)) \(op.rawValue)= \(topLevel(value))")
    case .annotatedAssign(let target, let annotation, let value):
      var line = indent + "\(expression(target, minimum: 1)): \(expression(annotation, minimum: 1))"
      if let value { line += " = " + topLevel(value) }
      lines.append(line)
    case .ifStatement(let branches, let orElse):
      for (offset, branch) in branches.enumerated() {
        lines.append(indent + (offset == 0 ? "if " : "elif ") + expression(branch.test, minimum: 1) + ":")
        appendBlock(branch.body, indent: inner, topLevel: false, into: &lines)
      }
      if !orElse.isEmpty {
        lines.append(indent + "else:")
        appendBlock(orElse, indent: inner, topLevel: false, into: &lines)
      }
    case .forLoop(let target, let iterable, let body, let orElse):
      lines.append(indent + "for \(targetList(target)) in \(topLevel(iterable)):")
      appendBlock(body, indent: inner, topLevel: false, into: &lines)
      if !orElse.isEmpty {
        lines.append(indent + "else:")
        appendBlock(orElse, indent: inner, topLevel: false, into: &lines)
      }
    case .whileLoop(let test, let body, let orElse):
      lines.append(indent + "while \(expression(test, minimum: 1)):")
      appendBlock(body, indent: inner, topLevel: false, into: &lines)
      if !orElse.isEmpty {
        lines.append(indent + "else:")
        appendBlock(orElse, indent: inner, topLevel: false, into: &lines)
      }
    case .functionDefinition(let function):
      var header = indent + "def \(function.name)(\(parameterList(function.parameters)))"
      if let annotation = function.returnAnnotation { header += " -> " + expression(annotation, minimum: 1) }
      lines.append(header + ":")
      appendBlock(function.body, indent: inner, topLevel: false, into: &lines)
    case .classDefinition(let definition):
      let bases = definition.bases.map { expression($0, minimum: 1) }.joined(separator: ", ")
      lines.append(indent + "class \(definition.name)" + (bases.isEmpty ? "" : "(\(bases))") + ":")
      appendBlock(definition.body, indent: inner, topLevel: false, into: &lines)
    case .returnStatement(let value):
      lines.append(indent + "return" + (value.map { " " + topLevel($0) } ?? ""))
    case .pass:
      lines.append(indent + "pass")
    case .breakStatement:
      lines.append(indent + "break")
    case .continueStatement:
      lines.append(indent + "continue")
    case .assertStatement(let test, let message):
      lines.append(
        indent + "assert " + expression(test, minimum: 1) + (message.map { ", " + expression($0, minimum: 1) } ?? ""))
    case .importModules(let names):
      lines.append(indent + "import " + names.map(importName).joined(separator: ", "))
    case .importFrom(let module, let names):
      lines.append(indent + "from \(module) import " + names.map(importName).joined(separator: ", "))
    }
  }

  private func importName(_ name: ImportName) -> String {
    name.alias.map { "\(name.name) as \($0)" } ?? name.name
  }

  private func parameterList(_ parameters: [Parameter]) -> String {
    var parts: [String] = []
    var starWritten = false
    for parameter in parameters {
      var text: String
      switch parameter.kind {
      case .normal:
        text = parameter.name
      case .keywordOnly:
        if !starWritten {
          parts.append("*")
          starWritten = true
        }
        text = parameter.name
      case .variadicPositional:
        starWritten = true
        text = "*" + parameter.name
      case .variadicKeyword:
        text = "**" + parameter.name
      }
      if let annotation = parameter.annotation { text += ": " + expression(annotation, minimum: 1) }
      if let value = parameter.defaultValue {
        text += (parameter.annotation == nil ? "=" : " = ") + expression(value, minimum: 1)
      }
      parts.append(text)
    }
    return parts.joined(separator: ", ")
  }

  /// An expression where a bare tuple is allowed (statement level, assignment sides, `return`).
  private func topLevel(_ value: Expression) -> String {
    if case .tuple(let elements) = value.kind, elements.count > 1 {
      return elements.map { element($0) }.joined(separator: ", ")
    }
    return expression(value, minimum: 1)
  }

  private func targetList(_ value: Expression) -> String {
    if case .tuple(let elements) = value.kind, elements.count > 1 {
      return elements.map { expression($0, minimum: 6) }.joined(separator: ", ")
    }
    return expression(value, minimum: 6)
  }

  /// A list, tuple or call element: starred values print with their star.
  private func element(_ value: Expression) -> String {
    if case .starred(let inner) = value.kind { return "*" + expression(inner, minimum: 6) }
    return expression(value, minimum: 1)
  }

  /// How tightly an expression binds; a child with a lower value than its context needs parentheses.
  static func precedence(of value: Expression) -> Int {
    switch value.kind {
    case .tuple, .generator, .starred, .slice: return 0
    case .conditional: return 1
    case .logical(.or, _): return 2
    case .logical(.and, _): return 3
    case .unary(.not, _): return 4
    case .comparison: return 5
    case .binary(let op, _, _): return op.precedence
    case .unary: return 12
    default: return 14
    }
  }

  /// Prints `value`, parenthesised when it binds more loosely than `minimum`.
  public func expression(_ value: Expression, minimum: Int = 0) -> String {
    let text = unparenthesized(value)
    if PrettyPrinter.precedence(of: value) < minimum {
      if case .generator = value.kind { return text }
      if case .tuple = value.kind { return text }
      return "(" + text + ")"
    }
    return text
  }

  private func unparenthesized(_ value: Expression) -> String {
    switch value.kind {
    case .name(let name): return name
    case .integer(let number): return String(number)
    case .float(let number): return PrettyPrinter.floatLiteral(number)
    case .string(let text): return PrettyPrinter.stringLiteral(text)
    case .formattedString(let parts): return formattedString(parts)
    case .boolean(let flag): return flag ? "True" : "False"
    case .none: return "None"
    case .ellipsis: return "..."
    case .attribute(let base, let name):
      if case .integer = base.kind { return "(\(unparenthesized(base))).\(name)" }
      return expression(base, minimum: 14) + "." + name
    case .subscripted(let base, let index):
      return expression(base, minimum: 14) + "[" + subscriptText(index) + "]"
    case .slice(let lower, let upper, let step):
      var text =
        (lower.map { expression($0, minimum: 1) } ?? "") + ":" + (upper.map { expression($0, minimum: 1) } ?? "")
      if let step { text += ":" + expression(step, minimum: 1) }
      return text
    case .call(let function, let arguments):
      if arguments.count == 1, case .positional(let only) = arguments[0],
        case .generator(let elementValue, let clauses) = only.kind
      {
        return expression(function, minimum: 14) + "(" + expression(elementValue, minimum: 1) + comprehension(clauses)
          + ")"
      }
      return expression(function, minimum: 14) + "(" + arguments.map(argument).joined(separator: ", ") + ")"
    case .unary(let op, let operand):
      if op == .not { return "not " + expression(operand, minimum: 4) }
      return op.rawValue + expression(operand, minimum: 12)
    case .binary(let op, let left, let right):
      if op == .power { return expression(left, minimum: 14) + " ** " + expression(right, minimum: 12) }
      return expression(left, minimum: op.precedence) + " \(op.rawValue) "
        + expression(right, minimum: op.precedence + 1)
    case .logical(let op, let operands):
      let minimum = op == .or ? 3 : 4
      return operands.map { expression($0, minimum: minimum) }.joined(separator: " \(op.rawValue) ")
    case .comparison(let operands, let operators):
      var text = expression(operands[0], minimum: 6)
      for (op, operand) in zip(operators, operands.dropFirst()) {
        text += " \(op.rawValue) " + expression(operand, minimum: 6)
      }
      return text
    case .conditional(let test, let body, let orElse):
      return expression(body, minimum: 2) + " if " + expression(test, minimum: 2) + " else "
        + expression(orElse, minimum: 1)
    case .list(let elements):
      return "[" + elements.map(element).joined(separator: ", ") + "]"
    case .tuple(let elements):
      if elements.count == 1 { return "(" + element(elements[0]) + ",)" }
      return "(" + elements.map(element).joined(separator: ", ") + ")"
    case .dict(let keys, let values):
      return "{"
        + zip(keys, values).map { expression($0, minimum: 1) + ": " + expression($1, minimum: 1) }
        .joined(separator: ", ") + "}"
    case .listComprehension(let elementValue, let clauses):
      return "[" + expression(elementValue, minimum: 1) + comprehension(clauses) + "]"
    case .dictComprehension(let key, let mapped, let clauses):
      return "{" + expression(key, minimum: 1) + ": " + expression(mapped, minimum: 1) + comprehension(clauses) + "}"
    case .generator(let elementValue, let clauses):
      return "(" + expression(elementValue, minimum: 1) + comprehension(clauses) + ")"
    case .starred(let inner):
      return "*" + expression(inner, minimum: 6)
    }
  }

  private func subscriptText(_ index: Expression) -> String {
    if case .tuple(let items) = index.kind, !items.isEmpty {
      let joined = items.map { item in
        if case .slice = item.kind { return unparenthesized(item) }
        return element(item)
      }.joined(separator: ", ")
      return items.count == 1 ? joined + "," : joined
    }
    if case .slice = index.kind { return unparenthesized(index) }
    return expression(index, minimum: 1)
  }

  private func argument(_ value: CallArgument) -> String {
    switch value {
    case .positional(let expressionValue): return expression(expressionValue, minimum: 1)
    case .keyword(let name, let expressionValue, _): return name + "=" + expression(expressionValue, minimum: 1)
    case .unpacked(let expressionValue): return "*" + expression(expressionValue, minimum: 1)
    case .unpackedKeywords(let expressionValue): return "**" + expression(expressionValue, minimum: 1)
    }
  }

  private func comprehension(_ clauses: [ComprehensionClause]) -> String {
    clauses.map { clause in
      " for " + targetList(clause.target) + " in " + expression(clause.iterable, minimum: 2)
        + clause.conditions.map { " if " + expression($0, minimum: 2) }.joined()
    }.joined()
  }

  private func formattedString(_ parts: [FormattedStringPart]) -> String {
    // Each replacement field's text, rendered once. A leading brace (a dict) needs a space so it is not read as `{{`.
    let fields = parts.map { part -> String? in
      guard case .replacement(let value, let conversion, let formatSpec) = part else { return nil }
      let text = expression(value, minimum: 1)
      return (text.hasPrefix("{") ? " " + text : text) + (conversion.map { "!" + String($0) } ?? "")
        + (formatSpec.map { ":" + $0 } ?? "")
    }
    // Expressions inside the braces print their strings with single quotes, so the f-string uses double quotes then.
    let quote: Character = fields.contains { $0?.contains("'") == true } ? "\"" : "'"
    var body = ""
    for (part, field) in zip(parts, fields) {
      if let field {
        body += "{" + field + "}"
      } else if case .literal(let text) = part {
        body += PrettyPrinter.escaped(text, quote: quote).replacing("{", with: "{{").replacing("}", with: "}}")
      }
    }
    return "f\(quote)\(body)\(quote)"
  }

  /// A float as Python prints it (`0.001`, `1e-05`, `3.0`).
  static func floatLiteral(_ value: Double) -> String {
    let text = value.description
    if text.contains(".") || text.contains("e") || text.contains("n") || text.contains("i") { return text }
    return text + ".0"
  }

  /// A string literal in Python's `repr` style.
  public static func stringLiteral(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    return String(quote) + escaped(text, quote: quote) + String(quote)
  }

  static func escaped(_ text: String, quote: Character) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if Character(scalar) == quote {
          result += "\\" + String(quote)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
