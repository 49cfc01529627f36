/// One argument at a call site.
public enum CallArgument: Sendable, Hashable {
  /// `f(x)`
  case positional(Expression)
  /// `f(name=x)`
  case keyword(String, Expression, at: SourceLocation)
  /// `f(*xs)`
  case unpacked(Expression)
  /// `f(**kw)`
  case unpackedKeywords(Expression)

  /// The argument's value expression.
  public var value: Expression {
    switch self {
    case .positional(let value), .keyword(_, let value, _), .unpacked(let value), .unpackedKeywords(let value):
      return value
    }
  }
}
