/// A short-circuiting boolean operator.
public enum LogicalOperator: String, Sendable, Hashable {
  case and
  case or
}
