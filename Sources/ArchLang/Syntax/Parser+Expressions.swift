extension Parser {
  /// `test (, test)* [,]`: a bare tuple when there is a comma.
  mutating func parseTestList(allowStarred: Bool) throws(ArchLangError) -> Expression {
    let start = current.location
    let first = try parseTestOrStarred(allowStarred: allowStarred)
    guard isOp(",") else { return first }
    var elements = [first]
    while acceptOp(",") {
      if !startsExpression { break }
      elements.append(try parseTestOrStarred(allowStarred: allowStarred))
    }
    return try checked(Expression(.tuple(elements), at: start))
  }

  /// Whether the current token can begin an expression (to tell a trailing comma from another element).
  var startsExpression: Bool {
    switch current.kind {
    case .name(let name):
      return !Lexer.keywords.contains(name)
        || ["not", "None", "True", "False", "lambda", "await", "yield"].contains(name)
    case .integer, .float, .string, .formattedString: return true
    case .op(let op): return ["(", "[", "{", "-", "+", "~", "*", "...", "**"].contains(op)
    default: return false
    }
  }

  mutating func parseTestOrStarred(allowStarred: Bool) throws(ArchLangError) -> Expression {
    if isOp("*") {
      let start = advance().location
      guard allowStarred else {
        throw ArchLangError(.syntax, "starred expression is not allowed here", at: start)
      }
      return try checked(Expression(.starred(try parseBitOr()), at: start))
    }
    return try parseTest()
  }

  /// A target list for `for` and comprehensions: expressions at `|` precedence so that `in` ends it.
  mutating func parseTargetList() throws(ArchLangError) -> Expression {
    let start = current.location
    func element(_ parser: inout Parser) throws(ArchLangError) -> Expression {
      if parser.isOp("*") {
        let starStart = parser.advance().location
        return Expression(.starred(try parser.parseBitOr()), at: starStart)
      }
      return try parser.parseBitOr()
    }
    let first = try element(&self)
    guard isOp(",") else { return first }
    var elements = [first]
    while acceptOp(",") {
      if isKeyword("in") { break }
      elements.append(try element(&self))
    }
    return try checked(Expression(.tuple(elements), at: start))
  }

  /// `or_test ['if' or_test 'else' test]`
  mutating func parseTest() throws(ArchLangError) -> Expression {
    try enterNesting()
    defer { nesting -= 1 }
    if case .name(let word) = current.kind, let message = Parser.unsupportedStatements[word],
      ["lambda", "yield", "await"].contains(word)
    {
      throw ArchLangError(.unsupported, message, at: current.location)
    }
    let body = try parseOrTest()
    guard isKeyword("if") else { return body }
    position += 1
    let test = try parseOrTest()
    try expectKeyword("else", "in conditional expression")
    let orElse = try parseTest()
    return try checked(Expression(.conditional(test: test, body: body, orElse: orElse), at: body.location))
  }

  /// A test without a conditional, as comprehension conditions require.
  mutating func parseOrTest() throws(ArchLangError) -> Expression {
    try parseLogical(.or)
  }

  private mutating func parseLogical(_ op: LogicalOperator) throws(ArchLangError) -> Expression {
    let first = op == .or ? try parseLogical(.and) : try parseNotTest()
    guard isKeyword(op.rawValue) else { return first }
    var operands = [first]
    while acceptKeyword(op.rawValue) {
      operands.append(op == .or ? try parseLogical(.and) : try parseNotTest())
    }
    return try checked(Expression(.logical(op, operands), at: first.location))
  }

  private mutating func parseNotTest() throws(ArchLangError) -> Expression {
    guard isKeyword("not") else { return try parseComparison() }
    let start = advance().location
    try enterNesting()
    defer { nesting -= 1 }
    return try checked(Expression(.unary(.not, try parseNotTest()), at: start))
  }

  private mutating func comparisonOperator() -> ComparisonOperator? {
    switch current.kind {
    case .op(let op):
      guard let comparison = ComparisonOperator(rawValue: op), op != "is", op != "in" else { return nil }
      position += 1
      return comparison
    case .name("in"):
      position += 1
      return .contains
    case .name("is"):
      position += 1
      return acceptKeyword("not") ? .isNotIdentical : .isIdentical
    case .name("not"):
      if case .name("in") = peekKind(1) {
        position += 2
        return .notContains
      }
      return nil
    default:
      return nil
    }
  }

  private mutating func parseComparison() throws(ArchLangError) -> Expression {
    let first = try parseBitOr()
    var operands = [first]
    var operators: [ComparisonOperator] = []
    while let op = comparisonOperator() {
      operators.append(op)
      operands.append(try parseBitOr())
    }
    guard !operators.isEmpty else { return first }
    return try checked(Expression(.comparison(operands: operands, operators: operators), at: first.location))
  }

  /// Binary operators by precedence level, loosest first (`**` is handled by `parsePower`).
  private static let binaryLevels: [[BinaryOperator]] = [
    [.bitOr], [.bitXor], [.bitAnd], [.leftShift, .rightShift], [.add, .subtract],
    [.multiply, .divide, .floorDivide, .modulo, .matrixMultiply],
  ]

  mutating func parseBitOr() throws(ArchLangError) -> Expression {
    try parseBinary(level: 0)
  }

  private mutating func parseBinary(level: Int) throws(ArchLangError) -> Expression {
    guard level < Parser.binaryLevels.count else { return try parseFactor() }
    var left = try parseBinary(level: level + 1)
    while case .op(let text) = current.kind, let op = BinaryOperator(rawValue: text),
      Parser.binaryLevels[level].contains(op)
    {
      position += 1
      let right = try parseBinary(level: level + 1)
      left = try checked(Expression(.binary(op, left, right), at: left.location))
    }
    return left
  }

  private mutating func parseFactor() throws(ArchLangError) -> Expression {
    let op: UnaryOperator
    switch current.kind {
    case .op("-"): op = .negate
    case .op("+"): op = .plus
    case .op("~"): op = .invert
    default: return try parsePower()
    }
    let start = advance().location
    try enterNesting()
    defer { nesting -= 1 }
    let operand = try parseFactor()
    return try checked(Expression(.unary(op, operand), at: start))
  }

  private mutating func parsePower() throws(ArchLangError) -> Expression {
    let base = try parsePrimary()
    guard acceptOp("**") else { return base }
    try enterNesting()
    defer { nesting -= 1 }
    let exponent = try parseFactor()
    return try checked(Expression(.binary(.power, base, exponent), at: base.location))
  }

  /// An atom followed by calls, subscripts and attribute accesses.
  private mutating func parsePrimary() throws(ArchLangError) -> Expression {
    var expression = try parseAtom()
    while true {
      if acceptOp(".") {
        let name = try expectName("after '.'")
        expression = try checked(Expression(.attribute(expression, name), at: expression.location))
      } else if isOp("(") {
        position += 1
        let arguments = try parseArguments()
        expression = try checked(Expression(.call(expression, arguments), at: expression.location))
      } else if isOp("[") {
        position += 1
        let index = try parseSubscriptList()
        expression = try checked(Expression(.subscripted(expression, index), at: expression.location))
      } else {
        return expression
      }
    }
  }

  private mutating func parseArguments() throws(ArchLangError) -> [CallArgument] {
    var arguments: [CallArgument] = []
    var seenKeyword = false
    while !isOp(")") {
      let start = current.location
      if acceptOp("**") {
        arguments.append(.unpackedKeywords(try parseTest()))
        seenKeyword = true
      } else if acceptOp("*") {
        arguments.append(.unpacked(try parseTest()))
      } else if case .name(let name) = current.kind, case .op("=") = peekKind(1) {
        if Lexer.keywords.contains(name) {
          throw ArchLangError(.syntax, "cannot use keyword '\(name)' as a keyword argument", at: start)
        }
        position += 2
        if arguments.contains(where: { if case .keyword(name, _, _) = $0 { return true } else { return false } }) {
          throw ArchLangError(.syntax, "keyword argument repeated: \(name)", at: start)
        }
        arguments.append(.keyword(name, try parseTest(), at: start))
        seenKeyword = true
      } else {
        let value = try parseTest()
        if isKeyword("for") {
          let clauses = try parseComprehensionClauses()
          let generator = try checked(Expression(.generator(element: value, clauses: clauses), at: value.location))
          guard arguments.isEmpty, isOp(")") else {
            throw ArchLangError(.syntax, "generator expression must be parenthesized", at: start)
          }
          arguments.append(.positional(generator))
          break
        }
        if seenKeyword {
          throw ArchLangError(.syntax, "positional argument follows keyword argument", at: start)
        }
        arguments.append(.positional(value))
      }
      if !acceptOp(",") { break }
    }
    try expectOp(")", "to close the argument list")
    return arguments
  }

  private mutating func parseSubscriptList() throws(ArchLangError) -> Expression {
    let start = current.location
    var items: [Expression] = []
    var trailingComma = false
    while !isOp("]") {
      items.append(try parseSubscriptItem())
      trailingComma = false
      if !acceptOp(",") { break }
      trailingComma = true
    }
    try expectOp("]", "to close the subscript")
    guard !items.isEmpty else { throw ArchLangError(.syntax, "empty subscript '[]'", at: start) }
    if items.count == 1 && !trailingComma { return items[0] }
    return try checked(Expression(.tuple(items), at: start))
  }

  private mutating func parseSubscriptItem() throws(ArchLangError) -> Expression {
    let start = current.location
    let lower = isOp(":") ? nil : try parseTestOrStarred(allowStarred: true)
    guard acceptOp(":") else {
      guard let lower else { throw unexpected("in subscript") }
      return lower
    }
    let upper = isOp(":") || isOp(",") || isOp("]") ? nil : try parseTest()
    var step: Expression?
    if acceptOp(":") {
      step = isOp(",") || isOp("]") ? nil : try parseTest()
    }
    return try checked(Expression(.slice(lower: lower, upper: upper, step: step), at: lower?.location ?? start))
  }

  mutating func parseComprehensionClauses() throws(ArchLangError) -> [ComprehensionClause] {
    var clauses: [ComprehensionClause] = []
    while isKeyword("for") {
      position += 1
      let target = try parseTargetList()
      try validateTarget(target)
      try expectKeyword("in", "in comprehension")
      let iterable = try parseOrTest()
      var conditions: [Expression] = []
      while acceptKeyword("if") {
        conditions.append(try parseOrTest())
      }
      clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
    }
    return clauses
  }

  private mutating func parseAtom() throws(ArchLangError) -> Expression {
    let token = current
    let start = token.location
    switch token.kind {
    case .name(let name):
      switch name {
      case "None":
        position += 1
        return Expression(.none, at: start)
      case "True", "False":
        position += 1
        return Expression(.boolean(name == "True"), at: start)
      default:
        if let message = Parser.unsupportedStatements[name] {
          throw ArchLangError(.unsupported, message, at: start)
        }
        if Lexer.keywords.contains(name) { throw unexpected("expected an expression") }
        position += 1
        return Expression(.name(name), at: start)
      }
    case .integer(let value):
      position += 1
      return Expression(.integer(value), at: start)
    case .float(let value):
      position += 1
      return Expression(.float(value), at: start)
    case .string, .formattedString:
      return try parseStrings()
    case .op("..."):
      position += 1
      return Expression(.ellipsis, at: start)
    case .op("("):
      return try parseParenthesized(at: start)
    case .op("["):
      return try parseListDisplay(at: start)
    case .op("{"):
      return try parseDictDisplay(at: start)
    default:
      throw unexpected("expected an expression")
    }
  }

  /// `( … )`: an empty tuple, a parenthesized expression, a tuple or a generator expression.
  private mutating func parseParenthesized(at start: SourceLocation) throws(ArchLangError) -> Expression {
    position += 1
    try enterNesting()
    defer { nesting -= 1 }
    if acceptOp(")") { return Expression(.tuple([]), at: start) }
    let first = try parseTestOrStarred(allowStarred: true)
    if isKeyword("for") {
      let clauses = try parseComprehensionClauses()
      try expectOp(")", "to close the generator expression")
      return try checked(Expression(.generator(element: first, clauses: clauses), at: start))
    }
    guard isOp(",") else {
      try expectOp(")", "to close the parenthesis")
      if case .starred = first.kind {
        throw ArchLangError(.syntax, "cannot use a starred expression here", at: first.location)
      }
      return first
    }
    let elements = try parseElements(after: first, upTo: ")", "to close the tuple")
    return try checked(Expression(.tuple(elements), at: start))
  }

  /// `[ … ]`: a list or a list comprehension.
  private mutating func parseListDisplay(at start: SourceLocation) throws(ArchLangError) -> Expression {
    position += 1
    try enterNesting()
    defer { nesting -= 1 }
    if acceptOp("]") { return Expression(.list([]), at: start) }
    let first = try parseTestOrStarred(allowStarred: true)
    if isKeyword("for") {
      let clauses = try parseComprehensionClauses()
      try expectOp("]", "to close the list comprehension")
      return try checked(Expression(.listComprehension(element: first, clauses: clauses), at: start))
    }
    let elements = try parseElements(after: first, upTo: "]", "to close the list")
    return try checked(Expression(.list(elements), at: start))
  }

  /// The elements of a tuple or list display from its first one to the closing bracket, which is consumed; a
  /// trailing comma is allowed.
  private mutating func parseElements(
    after first: Expression, upTo closing: String, _ context: String
  ) throws(ArchLangError) -> [Expression] {
    var elements = [first]
    while acceptOp(",") {
      if isOp(closing) { break }
      elements.append(try parseTestOrStarred(allowStarred: true))
    }
    try expectOp(closing, context)
    return elements
  }

  /// `{ … }`: a dict or a dict comprehension (sets are not supported).
  private mutating func parseDictDisplay(at start: SourceLocation) throws(ArchLangError) -> Expression {
    position += 1
    try enterNesting()
    defer { nesting -= 1 }
    if acceptOp("}") { return Expression(.dict(keys: [], values: []), at: start) }
    if isOp("**") {
      throw ArchLangError(.unsupported, "'**' unpacking in dict displays is not supported", at: current.location)
    }
    let firstKey = try parseTest()
    guard acceptOp(":") else {
      throw ArchLangError(.unsupported, "set displays are not supported; use a list", at: start)
    }
    let firstValue = try parseTest()
    if isKeyword("for") {
      let clauses = try parseComprehensionClauses()
      try expectOp("}", "to close the dict comprehension")
      return try checked(
        Expression(.dictComprehension(key: firstKey, value: firstValue, clauses: clauses), at: start))
    }
    var keys = [firstKey]
    var values = [firstValue]
    while acceptOp(",") {
      if isOp("}") { break }
      keys.append(try parseTest())
      try expectOp(":", "in dict display")
      values.append(try parseTest())
    }
    try expectOp("}", "to close the dict")
    return try checked(Expression(.dict(keys: keys, values: values), at: start))
  }

  /// Adjacent string literals concatenate; any f-string among them makes the whole an f-string.
  private mutating func parseStrings() throws(ArchLangError) -> Expression {
    let start = current.location
    var parts: [FormattedStringPart] = []
    var isFormatted = false
    loop: while true {
      switch current.kind {
      case .string(let text):
        position += 1
        parts.append(.literal(text))
      case .formattedString(let raw, let isRaw, let bodyStart):
        let location = current.location
        position += 1
        isFormatted = true
        parts.append(contentsOf: try parseFormattedString(raw, isRaw: isRaw, bodyStart: bodyStart, at: location))
      default:
        break loop
      }
    }
    var merged: [FormattedStringPart] = []
    for part in parts {
      if case .literal(let text) = part, case .literal(let previous)? = merged.last {
        merged[merged.count - 1] = .literal(previous + text)
      } else if case .literal("") = part {
        continue
      } else {
        merged.append(part)
      }
    }
    if !isFormatted {
      if case .literal(let text)? = merged.first { return Expression(.string(text), at: start) }
      return Expression(.string(""), at: start)
    }
    return try checked(Expression(.formattedString(merged), at: start))
  }
}
