/// An arithmetic or bitwise infix operator (also used by augmented assignment).
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"
  case matrixMultiply = "@"
  case leftShift = "<<"
  case rightShift = ">>"
  case bitAnd = "&"
  case bitOr = "|"
  case bitXor = "^"

  /// Binding strength, higher binds tighter (Python's grammar order).
  public var precedence: Int {
    switch self {
    case .bitOr: return 6
    case .bitXor: return 7
    case .bitAnd: return 8
    case .leftShift, .rightShift: return 9
    case .add, .subtract: return 10
    case .multiply, .divide, .floorDivide, .modulo, .matrixMultiply: return 11
    case .power: return 13
    }
  }
}
