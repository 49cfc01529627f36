/// The forms an expression can take in the supported Python subset.
public indirect enum ExpressionKind: Sendable, Hashable {
  case name(String)
  case integer(Int)
  case float(Double)
  case string(String)
  case formattedString([FormattedStringPart])
  case boolean(Bool)
  case none
  case ellipsis
  /// `value.name`
  case attribute(Expression, String)
  /// `value[index]`; a multi-dimensional index is a `.tuple` of items, which may be `.slice`.
  case subscripted(Expression, Expression)
  /// `lower:upper:step` inside a subscript.
  case slice(lower: Expression?, upper: Expression?, step: Expression?)
  /// `function(arguments)`
  case call(Expression, [CallArgument])
  case unary(UnaryOperator, Expression)
  case binary(BinaryOperator, Expression, Expression)
  /// `a and b and c` / `a or b`, short-circuiting.
  case logical(LogicalOperator, [Expression])
  /// `a < b <= c`: `operators.count == operands.count - 1`.
  case comparison(operands: [Expression], operators: [ComparisonOperator])
  /// `body if test else orElse`
  case conditional(test: Expression, body: Expression, orElse: Expression)
  case list([Expression])
  case tuple([Expression])
  case dict(keys: [Expression], values: [Expression])
  case listComprehension(element: Expression, clauses: [ComprehensionClause])
  case dictComprehension(key: Expression, value: Expression, clauses: [ComprehensionClause])
  /// `(element for ...)`; evaluated eagerly into a list, which is all `sum`, `tuple`, `max` need.
  case generator(element: Expression, clauses: [ComprehensionClause])
  /// `*value` as an element of a list or tuple display or an assignment target.
  case starred(Expression)

  /// The direct sub-expressions, in source order.
  public var children: [Expression] {
    switch self {
    case .name, .integer, .float, .string, .boolean, .none, .ellipsis: return []
    case .formattedString(let parts):
      return parts.compactMap { part in
        if case .replacement(let expression, _, _) = part { return expression }
        return nil
      }
    case .attribute(let value, _): return [value]
    case .subscripted(let value, let index): return [value, index]
    case .slice(let lower, let upper, let step): return [lower, upper, step].compactMap { $0 }
    case .call(let function, let arguments): return [function] + arguments.map(\.value)
    case .unary(_, let operand): return [operand]
    case .binary(_, let left, let right): return [left, right]
    case .logical(_, let operands): return operands
    case .comparison(let operands, _): return operands
    case .conditional(let test, let body, let orElse): return [body, test, orElse]
    case .list(let elements), .tuple(let elements): return elements
    case .dict(let keys, let values): return zip(keys, values).flatMap { [$0, $1] }
    case .listComprehension(let element, let clauses), .generator(let element, let clauses):
      return [element] + clauses.flatMap(\.expressions)
    case .dictComprehension(let key, let value, let clauses): return [key, value] + clauses.flatMap(\.expressions)
    case .starred(let value): return [value]
    }
  }

  /// The construct's name for messages ("a function call", "a comparison").
  public var constructName: String {
    switch self {
    case .name: return "a name"
    case .integer, .float: return "a number"
    case .string, .formattedString: return "a string"
    case .boolean: return "a boolean"
    case .none: return "None"
    case .ellipsis: return "'...'"
    case .attribute: return "an attribute"
    case .subscripted: return "a subscript"
    case .slice: return "a slice"
    case .call: return "a function call"
    case .unary, .binary: return "an operator expression"
    case .logical: return "a boolean expression"
    case .comparison: return "a comparison"
    case .conditional: return "a conditional expression"
    case .list: return "a list"
    case .tuple: return "a tuple"
    case .dict: return "a dict"
    case .listComprehension, .dictComprehension: return "a comprehension"
    case .generator: return "a generator expression"
    case .starred: return "a starred expression"
    }
  }
}
