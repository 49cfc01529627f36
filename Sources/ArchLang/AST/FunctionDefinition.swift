/// A `def` statement: a function at module level or a method inside a class.
public struct FunctionDefinition: Sendable, Hashable {
  /// The function name.
  public var name: String
  /// Its parameters in order (a bare `*` marker is not stored; the following ones are `.keywordOnly`).
  public var parameters: [Parameter]
  /// The `-> annotation`, kept for printing.
  public var returnAnnotation: Expression?
  /// The body.
  public var body: [Statement]
  /// Where the `def` keyword is.
  public var location: SourceLocation

  /// Creates a function definition.
  public init(
    name: String, parameters: [Parameter], returnAnnotation: Expression?, body: [Statement],
    at location: SourceLocation
  ) {
    self.name = name
    self.parameters = parameters
    self.returnAnnotation = returnAnnotation
    self.body = body
    self.location = location
  }
}
