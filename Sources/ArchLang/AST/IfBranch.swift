/// One `if` or `elif` test and its block.
public struct IfBranch: Sendable, Hashable {
  /// The condition.
  public var test: Expression
  /// The statements run when the condition holds.
  public var body: [Statement]
}
