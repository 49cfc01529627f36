/// Evaluates the integer arithmetic a layer's size argument is written in (`40`, `channels * 10`,
/// `(hidden + 1) // 2`): literals, names of known value, `+ - * //` and parentheses.
struct IntegerExpression {
  let tokens: ArraySlice<LineToken>
  let names: [String: Int]
  private var index: Int

  /// The value of `tokens`, or nil when they are not such an expression (a call, an unknown name, a float).
  static func evaluate(_ tokens: ArraySlice<LineToken>, names: [String: Int]) -> Int? {
    var expression = IntegerExpression(tokens: tokens, names: names, index: tokens.startIndex)
    guard let value = expression.sum(), expression.index == tokens.endIndex else { return nil }
    return value
  }

  private init(tokens: ArraySlice<LineToken>, names: [String: Int], index: Int) {
    self.tokens = tokens
    self.names = names
    self.index = index
  }

  private var next: String? { index < tokens.endIndex ? tokens[index].text : nil }

  private mutating func sum() -> Int? {
    guard var value = product() else { return nil }
    while let symbol = next, symbol == "+" || symbol == "-" {
      index += 1
      guard let right = product() else { return nil }
      let (result, overflow) =
        symbol == "+" ? value.addingReportingOverflow(right) : value.subtractingReportingOverflow(right)
      guard !overflow else { return nil }
      value = result
    }
    return value
  }

  private mutating func product() -> Int? {
    guard var value = factor() else { return nil }
    while let symbol = next, symbol == "*" || symbol == "//" {
      index += 1
      guard let right = factor() else { return nil }
      if symbol == "*" {
        let (result, overflow) = value.multipliedReportingOverflow(by: right)
        guard !overflow else { return nil }
        value = result
      } else {
        guard right != 0 else { return nil }
        // Python's floor division.
        value = Int((Double(value) / Double(right)).rounded(.down))
      }
    }
    return value
  }

  private mutating func factor() -> Int? {
    guard index < tokens.endIndex else { return nil }
    let token = tokens[index]
    index += 1
    switch token.kind {
    case .number:
      return Int(token.text)
    case .name:
      return names[token.text]
    case .symbol where token.text == "-":
      return factor().map { -$0 }
    case .symbol where token.text == "(":
      guard let value = sum(), next == ")" else { return nil }
      index += 1
      return value
    default:
      return nil
    }
  }
}
