/// A comparison operator; Python chains these (`a < b < c`).
public enum ComparisonOperator: String, Sendable, Hashable {
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case equal = "=="
  case notEqual = "!="
  case isIdentical = "is"
  case isNotIdentical = "is not"
  case contains = "in"
  case notContains = "not in"
}
