import MemberwiseInit

/// A parsed candidate program: its module-level statements and the text they came from.
@MemberwiseInit
public struct Program: Sendable, Hashable {
  /// The module-level statements in order.
  public var statements: [Statement]
  /// The source text that was parsed.
  public var source: String

  /// Parses `source`, throwing the first syntax error with its position.
  public init(parsing source: String) throws(ArchLangError) {
    self = try Parser.parse(source)
  }
}
