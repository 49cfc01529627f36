/// How a block of statements finished: normally, or by `break`, `continue` or `return`.
enum ExecutionOutcome {
  case normal
  case breakLoop
  case continueLoop
  case returned(Value)
}
