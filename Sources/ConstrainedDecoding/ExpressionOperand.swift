import ArchLang

/// What an operand in an expression is, as far as attribute access and calls are concerned.
enum ExpressionOperand {
  case nnNamespace, functionalNamespace, torchNamespace, mathNamespace, selfObject
  /// A class of the program (calling it builds a module).
  case programClass(String)
  /// A catalog entry (calling it binds against its signature).
  case callable(Signature)
  /// A module built in the expression (`nn.Linear(...)`, a block class): it can be called or passed, not
  /// computed with.
  case moduleObject
  /// A module the model holds in an attribute (`self.conv1`): it can be called or passed, not computed with.
  case layer(String)
  /// A tensor, number, module object or anything else: tensor methods and attributes apply.
  case value
}
