/// A recursive-descent parser for the supported Python subset.
///
/// Nesting is bounded (brackets, blocks, and expression-tree height), so no input can exhaust the stack here or in
/// the tree walkers that run later.
public struct Parser {
  /// The deepest expression tree accepted (a chain `a + b + ...` counts one level per operator).
  public static let maximumExpressionDepth = 200
  /// The deepest nesting of parser recursion (brackets, unary operators, blocks) accepted.
  public static let maximumNesting = 100

  var tokens: [Token]
  var position = 0
  var nesting = 0

  init(tokens: [Token]) {
    self.tokens = tokens
  }

  /// Parses a whole program.
  public static func parse(_ source: String) throws(ArchLangError) -> Program {
    var parser = Parser(tokens: try Lexer.tokenize(source))
    var statements: [Statement] = []
    while true {
      switch parser.current.kind {
      case .endOfInput:
        return Program(statements: statements, source: source)
      case .newline:
        parser.position += 1
      default:
        statements.append(contentsOf: try parser.parseStatement())
      }
    }
  }

  /// Parses a single expression (used for f-string replacement fields).
  static func parseExpression(_ source: String, offsetBy origin: SourceLocation) throws(ArchLangError) -> Expression {
    var tokens: [Token]
    do {
      tokens = try Lexer.tokenize(source)
    } catch {
      throw ArchLangError(error.kind, error.message, at: Parser.shift(error.location, by: origin))
    }
    for index in tokens.indices {
      tokens[index].location = Parser.shift(tokens[index].location, by: origin)
    }
    var parser = Parser(tokens: tokens)
    if case .endOfInput = parser.current.kind {
      throw ArchLangError(.syntax, "f-string: empty expression not allowed", at: origin)
    }
    let expression = try parser.parseTestList(allowStarred: false)
    while case .newline = parser.current.kind { parser.position += 1 }
    guard case .endOfInput = parser.current.kind else {
      throw parser.unexpected("in f-string expression")
    }
    return expression
  }

  static func shift(_ location: SourceLocation, by origin: SourceLocation) -> SourceLocation {
    location.line == 1
      ? SourceLocation(line: origin.line, column: origin.column + location.column - 1)
      : SourceLocation(line: origin.line + location.line - 1, column: location.column)
  }

  // MARK: Token helpers

  var current: Token { tokens[min(position, tokens.count - 1)] }

  func peekKind(_ offset: Int) -> TokenKind { tokens[min(position + offset, tokens.count - 1)].kind }

  mutating func advance() -> Token {
    let token = current
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  func isOp(_ text: String) -> Bool {
    if case .op(let op) = current.kind { return op == text }
    return false
  }

  func isKeyword(_ word: String) -> Bool {
    if case .name(let name) = current.kind { return name == word }
    return false
  }

  mutating func acceptOp(_ text: String) -> Bool {
    guard isOp(text) else { return false }
    position += 1
    return true
  }

  mutating func acceptKeyword(_ word: String) -> Bool {
    guard isKeyword(word) else { return false }
    position += 1
    return true
  }

  mutating func expectOp(_ text: String, _ context: String) throws(ArchLangError) {
    guard acceptOp(text) else { throw unexpected("expected '\(text)' \(context)") }
  }

  mutating func expectKeyword(_ word: String, _ context: String) throws(ArchLangError) {
    guard acceptKeyword(word) else { throw unexpected("expected '\(word)' \(context)") }
  }

  mutating func expectName(_ context: String) throws(ArchLangError) -> String {
    if case .name(let name) = current.kind, !Lexer.keywords.contains(name) {
      position += 1
      return name
    }
    throw unexpected("expected a name \(context)")
  }

  func unexpected(_ context: String) -> ArchLangError {
    let token = current
    switch token.kind {
    case .indent: return ArchLangError(.syntax, "unexpected indent", at: token.location)
    case .endOfInput: return ArchLangError(.syntax, "unexpected end of input (\(context))", at: token.location)
    default:
      return ArchLangError(.syntax, "invalid syntax: unexpected \(token.displayName) (\(context))", at: token.location)
    }
  }

  mutating func enterNesting() throws(ArchLangError) {
    nesting += 1
    if nesting > Parser.maximumNesting {
      throw ArchLangError(
        .limit, "program is nested too deeply (more than \(Parser.maximumNesting) levels)", at: current.location)
    }
  }

  func checked(_ expression: Expression) throws(ArchLangError) -> Expression {
    if expression.depth > Parser.maximumExpressionDepth {
      throw ArchLangError(
        .limit, "expression is nested too deeply (more than \(Parser.maximumExpressionDepth) levels)",
        at: expression.location)
    }
    return expression
  }
}
