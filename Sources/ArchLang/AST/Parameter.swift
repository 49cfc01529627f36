/// A parameter in a `def`.
public struct Parameter: Sendable, Hashable {
  /// How a parameter receives arguments.
  public enum Kind: Sendable, Hashable {
    /// Positional or keyword.
    case normal
    /// After `*` or `*args`: keyword only.
    case keywordOnly
    /// `*args`
    case variadicPositional
    /// `**kwargs`
    case variadicKeyword
  }

  /// The parameter name.
  public var name: String
  /// How it receives arguments.
  public var kind: Kind
  /// The default value expression, evaluated when the function is defined.
  public var defaultValue: Expression?
  /// The annotation, kept for printing and never evaluated.
  public var annotation: Expression?
  /// Where the name appears.
  public var location: SourceLocation

  /// Creates a parameter.
  public init(
    name: String, kind: Kind, defaultValue: Expression?, annotation: Expression?, at location: SourceLocation
  ) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.annotation = annotation
    self.location = location
  }
}
