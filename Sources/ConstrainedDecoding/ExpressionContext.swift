/// Where an expression is written: which method of which class.
struct ExpressionContext {
  var function: String
  var className: String
}
