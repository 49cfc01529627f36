/// The forms a statement can take in the supported Python subset.
public indirect enum StatementKind: Sendable, Hashable {
  case expression(Expression)
  /// `a = b = value`: every target gets the value.
  case assign(targets: [Expression], value: Expression)
  /// `target op= value`
  case augmentedAssign(target: Expression, op: BinaryOperator, value: Expression)
  /// `target: annotation = value`; the annotation is kept for printing and never evaluated.
  case annotatedAssign(target: Expression, annotation: Expression, value: Expression?)
  /// `if`/`elif` branches in order, then the `else` block (empty when absent).
  case ifStatement(branches: [IfBranch], orElse: [Statement])
  case forLoop(target: Expression, iterable: Expression, body: [Statement], orElse: [Statement])
  case whileLoop(test: Expression, body: [Statement], orElse: [Statement])
  case functionDefinition(FunctionDefinition)
  case classDefinition(ClassDefinition)
  case returnStatement(Expression?)
  case pass
  case breakStatement
  case continueStatement
  case assertStatement(test: Expression, message: Expression?)
  /// `import a.b as c, d`
  case importModules([ImportName])
  /// `from module import a as b, c`
  case importFrom(module: String, names: [ImportName])
}
