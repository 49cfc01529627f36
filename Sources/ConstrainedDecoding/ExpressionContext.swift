/// Where an expression is written: which method of which class.
struct ExpressionContext {
  var function: String
  var className: String
  /// Whether the expression must build a module (the value of a `self.name` in `__init__`).
  var requiresModule = false
  /// Whether the expression is what `forward` returns.
  var isReturn = false
}
