/// A `class` statement.
public struct ClassDefinition: Sendable, Hashable {
  /// The class name.
  public var name: String
  /// The base-class expressions (`nn.Module`).
  public var bases: [Expression]
  /// The class body: methods and class attributes.
  public var body: [Statement]
  /// Where the `class` keyword is.
  public var location: SourceLocation

  /// Creates a class definition.
  public init(name: String, bases: [Expression], body: [Statement], at location: SourceLocation) {
    self.name = name
    self.bases = bases
    self.body = body
    self.location = location
  }
}
