/// One lexical token and where it starts.
public struct Token: Sendable, Hashable {
  /// What the token is.
  public var kind: TokenKind
  /// The position of its first character.
  public var location: SourceLocation

  /// Creates a token.
  public init(_ kind: TokenKind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// A short human description for syntax errors ("name 'foo'", "'('", "end of line").
  public var displayName: String {
    switch kind {
    case .name(let name): return Lexer.keywords.contains(name) ? "keyword '\(name)'" : "name '\(name)'"
    case .integer(let value): return "number \(value)"
    case .float(let value): return "number \(value)"
    case .string: return "string literal"
    case .formattedString: return "f-string"
    case .op(let text): return "'\(text)'"
    case .newline: return "end of line"
    case .indent: return "indent"
    case .dedent: return "dedent"
    case .endOfInput: return "end of input"
    }
  }
}
