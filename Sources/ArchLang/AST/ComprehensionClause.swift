/// `for target in iterable if condition ...` inside a comprehension.
public struct ComprehensionClause: Sendable, Hashable {
  /// What each element is bound to (a name or a tuple of targets).
  public var target: Expression
  /// What is iterated.
  public var iterable: Expression
  /// Filters; an element is kept when all are true.
  public var conditions: [Expression]

  /// All expressions of the clause in source order.
  public var expressions: [Expression] { [target, iterable] + conditions }
}
