extension Parser {
  static let unsupportedStatements: [String: String] = [
    "try": "'try' statements are not supported: candidate programs cannot catch errors",
    "with": "'with' statements are not supported (there are no files or contexts to manage)",
    "raise": "'raise' is not supported; use 'assert condition, \"message\"' to reject bad input",
    "del": "'del' statements are not supported",
    "global": "'global' statements are not supported; pass values as arguments",
    "nonlocal": "'nonlocal' statements are not supported; pass values as arguments",
    "async": "'async' code is not supported",
    "await": "'await' is not supported",
    "yield": "generators ('yield') are not supported; build and return a list",
    "lambda": "'lambda' is not supported; define a function with 'def'",
    "except": "'except' without 'try' is invalid, and 'try' statements are not supported",
    "finally": "'finally' without 'try' is invalid, and 'try' statements are not supported",
  ]

  /// Parses one statement line (several when separated by `;`) or one compound statement.
  mutating func parseStatement() throws(ArchLangError) -> [Statement] {
    let start = current.location
    if case .name(let word) = current.kind {
      switch word {
      case "def": return [Statement(.functionDefinition(try parseFunctionDefinition()), at: start)]
      case "class": return [Statement(.classDefinition(try parseClassDefinition()), at: start)]
      case "if": return [try parseIf()]
      case "for": return [try parseFor()]
      case "while": return [try parseWhile()]
      case "elif", "else":
        throw ArchLangError(.syntax, "invalid syntax: '\(word)' without a matching 'if'", at: start)
      default:
        if let message = Parser.unsupportedStatements[word] {
          throw ArchLangError(.unsupported, message, at: start)
        }
      }
    }
    if isOp("@") {
      throw ArchLangError(.unsupported, "decorators are not supported", at: start)
    }
    return try parseSimpleStatements()
  }

  /// Simple statements separated by `;` up to the end of the line, and the line's end.
  private mutating func parseSimpleStatements() throws(ArchLangError) -> [Statement] {
    var statements = [try parseSimpleStatement()]
    while acceptOp(";") {
      if case .newline = current.kind { break }
      statements.append(try parseSimpleStatement())
    }
    guard case .newline = current.kind else { throw unexpected("expected end of line") }
    position += 1
    return statements
  }

  /// Parses the `:` and block after a compound-statement header.
  mutating func parseBlock(_ context: String) throws(ArchLangError) -> [Statement] {
    try expectOp(":", context)
    try enterNesting()
    defer { nesting -= 1 }
    guard case .newline = current.kind else {
      // A block on the header line: `if x: return y`.
      return try parseSimpleStatements()
    }
    position += 1
    guard case .indent = current.kind else {
      throw ArchLangError(.syntax, "expected an indented block \(context)", at: current.location)
    }
    position += 1
    var statements: [Statement] = []
    while true {
      switch current.kind {
      case .dedent:
        position += 1
        return statements
      case .endOfInput:
        return statements
      case .newline:
        position += 1
      default:
        statements.append(contentsOf: try parseStatement())
      }
    }
  }

  mutating func parseSimpleStatement() throws(ArchLangError) -> Statement {
    let start = current.location
    if case .name(let word) = current.kind {
      switch word {
      case "pass":
        position += 1
        return Statement(.pass, at: start)
      case "break":
        position += 1
        return Statement(.breakStatement, at: start)
      case "continue":
        position += 1
        return Statement(.continueStatement, at: start)
      case "return":
        position += 1
        if case .newline = current.kind { return Statement(.returnStatement(nil), at: start) }
        if isOp(";") { return Statement(.returnStatement(nil), at: start) }
        return Statement(.returnStatement(try parseTestList(allowStarred: true)), at: start)
      case "assert":
        position += 1
        let test = try parseTest()
        let message = acceptOp(",") ? try parseTest() : nil
        return Statement(.assertStatement(test: test, message: message), at: start)
      case "import":
        position += 1
        return Statement(.importModules(try parseImportNames(dotted: true)), at: start)
      case "from":
        position += 1
        var module = ""
        if isOp(".") || isOp("...") {
          throw ArchLangError(.unsupported, "relative imports are not supported", at: current.location)
        }
        module = try parseDottedName()
        try expectKeyword("import", "after 'from \(module)'")
        if isOp("*") {
          throw ArchLangError(
            .unsupported, "'from \(module) import *' is not supported; import names explicitly", at: current.location)
        }
        let parenthesized = acceptOp("(")
        let names = try parseImportNames(dotted: false)
        if parenthesized { try expectOp(")", "to close the import list") }
        return Statement(.importFrom(module: module, names: names), at: start)
      default:
        if let message = Parser.unsupportedStatements[word] {
          throw ArchLangError(.unsupported, message, at: start)
        }
      }
    }
    let first = try parseTestList(allowStarred: true)
    if isOp("=") {
      var targets = [first]
      var value = first
      while acceptOp("=") {
        value = try parseTestList(allowStarred: true)
        targets.append(value)
      }
      targets.removeLast()
      for target in targets { try validateTarget(target) }
      return Statement(.assign(targets: targets, value: value), at: start)
    }
    if case .op(let text) = current.kind, text.count >= 2, text.hasSuffix("="),
      let op = BinaryOperator(rawValue: String(text.dropLast()))
    {
      position += 1
      try validateTarget(first, augmented: true)
      let value = try parseTestList(allowStarred: false)
      return Statement(.augmentedAssign(target: first, op: op, value: value), at: start)
    }
    if isOp(":=") {
      throw ArchLangError(.unsupported, "assignment expressions (':=') are not supported", at: current.location)
    }
    if acceptOp(":") {
      try validateTarget(first, augmented: true)
      let annotation = try parseTest()
      let value = acceptOp("=") ? try parseTestList(allowStarred: true) : nil
      return Statement(.annotatedAssign(target: first, annotation: annotation, value: value), at: start)
    }
    return Statement(.expression(first), at: start)
  }

  /// Checks that an expression can be assigned to.
  func validateTarget(_ target: Expression, augmented: Bool = false) throws(ArchLangError) {
    switch target.kind {
    case .name(let name):
      if Lexer.keywords.contains(name) {
        throw ArchLangError(.syntax, "cannot assign to keyword '\(name)'", at: target.location)
      }
    case .attribute, .subscripted:
      break
    case .tuple(let elements), .list(let elements):
      if augmented {
        throw ArchLangError(
          .syntax, "cannot use augmented assignment with \(target.kind.constructName)", at: target.location)
      }
      for element in elements { try validateTarget(element) }
    case .starred(let inner):
      if augmented {
        throw ArchLangError(.syntax, "cannot use a starred target here", at: target.location)
      }
      try validateTarget(inner)
    default:
      throw ArchLangError(.syntax, "cannot assign to \(target.kind.constructName)", at: target.location)
    }
  }

  mutating func parseDottedName() throws(ArchLangError) -> String {
    var name = try expectName("in import")
    while acceptOp(".") {
      name += "." + (try expectName("after '.' in import"))
    }
    return name
  }

  mutating func parseImportNames(dotted: Bool) throws(ArchLangError) -> [ImportName] {
    var names: [ImportName] = []
    repeat {
      if !names.isEmpty, isOp(")") { break }
      let location = current.location
      let name = dotted ? try parseDottedName() : try expectName("in import")
      let alias = acceptKeyword("as") ? try expectName("after 'as'") : nil
      names.append(ImportName(name: name, alias: alias, at: location))
    } while acceptOp(",")
    return names
  }

  mutating func parseFunctionDefinition() throws(ArchLangError) -> FunctionDefinition {
    let start = advance().location
    let name = try expectName("after 'def'")
    try expectOp("(", "after the function name")
    var parameters: [Parameter] = []
    var seenStar = false
    var seenDefault = false
    var names: Set<String> = []
    while !isOp(")") {
      let location = current.location
      var kind = seenStar ? Parameter.Kind.keywordOnly : .normal
      if acceptOp("**") {
        kind = .variadicKeyword
      } else if acceptOp("*") {
        seenStar = true
        if isOp(",") {
          position += 1
          continue
        }
        kind = .variadicPositional
      } else if isOp("/") {
        throw ArchLangError(.unsupported, "positional-only parameters ('/') are not supported", at: location)
      }
      let parameterName = try expectName("in the parameter list")
      if names.contains(parameterName) {
        throw ArchLangError(.syntax, "duplicate argument '\(parameterName)' in function definition", at: location)
      }
      names.insert(parameterName)
      let annotation = acceptOp(":") ? try parseTest() : nil
      var defaultValue: Expression?
      if acceptOp("=") {
        guard kind == .normal || kind == .keywordOnly else {
          throw ArchLangError(.syntax, "'\(parameterName)' cannot have a default value", at: location)
        }
        defaultValue = try parseTest()
        if kind == .normal { seenDefault = true }
      } else if kind == .normal && seenDefault {
        throw ArchLangError(.syntax, "parameter without a default follows parameter with a default", at: location)
      }
      parameters.append(
        Parameter(name: parameterName, kind: kind, defaultValue: defaultValue, annotation: annotation, at: location))
      if parameters.last?.kind == .variadicKeyword && !isOp(")") {
        if acceptOp(","), isOp(")") { break }
        throw ArchLangError(.syntax, "no parameter may follow '**\(parameterName)'", at: current.location)
      }
      if !acceptOp(",") { break }
    }
    try expectOp(")", "to close the parameter list")
    let returnAnnotation = acceptOp("->") ? try parseTest() : nil
    let body = try parseBlock("after 'def \(name)(...)'")
    return FunctionDefinition(
      name: name, parameters: parameters, returnAnnotation: returnAnnotation, body: body, at: start)
  }

  mutating func parseClassDefinition() throws(ArchLangError) -> ClassDefinition {
    let start = advance().location
    let name = try expectName("after 'class'")
    var bases: [Expression] = []
    if acceptOp("(") {
      while !isOp(")") {
        if case .name(let keyword) = current.kind, case .op("=") = peekKind(1) {
          throw ArchLangError(
            .unsupported, "class keyword arguments ('\(keyword)=') are not supported", at: current.location)
        }
        bases.append(try parseTest())
        if !acceptOp(",") { break }
      }
      try expectOp(")", "to close the base-class list")
    }
    let body = try parseBlock("after 'class \(name)'")
    return ClassDefinition(name: name, bases: bases, body: body, at: start)
  }

  mutating func parseIf() throws(ArchLangError) -> Statement {
    let start = advance().location
    var branches = [IfBranch(test: try parseTest(), body: try parseBlock("after the 'if' condition"))]
    var orElse: [Statement] = []
    while true {
      if isKeyword("elif") {
        position += 1
        branches.append(IfBranch(test: try parseTest(), body: try parseBlock("after the 'elif' condition")))
      } else if isKeyword("else") {
        position += 1
        orElse = try parseBlock("after 'else'")
        break
      } else {
        break
      }
    }
    return Statement(.ifStatement(branches: branches, orElse: orElse), at: start)
  }

  mutating func parseFor() throws(ArchLangError) -> Statement {
    let start = advance().location
    let target = try parseTargetList()
    try validateTarget(target)
    try expectKeyword("in", "in 'for' statement")
    let iterable = try parseTestList(allowStarred: false)
    let body = try parseBlock("after the 'for' header")
    var orElse: [Statement] = []
    if acceptKeyword("else") { orElse = try parseBlock("after 'else'") }
    return Statement(.forLoop(target: target, iterable: iterable, body: body, orElse: orElse), at: start)
  }

  mutating func parseWhile() throws(ArchLangError) -> Statement {
    let start = advance().location
    let test = try parseTest()
    let body = try parseBlock("after the 'while' condition")
    var orElse: [Statement] = []
    if acceptKeyword("else") { orElse = try parseBlock("after 'else'") }
    return Statement(.whileLoop(test: test, body: body, orElse: orElse), at: start)
  }
}
