/// A prefix operator.
public enum UnaryOperator: String, Sendable, Hashable {
  case negate = "-"
  case plus = "+"
  case invert = "~"
  case not = "not"
}
