/// The bridge from the interpreter to a tensor engine: it builds layers for `nn.X(...)`, runs `F.x`/`torch.x`
/// functions, and registers submodules assigned inside `nn.Module` subclasses.
public protocol TensorBackend: AnyObject {
  /// Builds `nn.<signature.name>` from bound arguments (parameters the call left out are absent).
  func makeModule(
    _ signature: Signature, arguments: [String: Value], extraPositional: [Value], interpreter: Interpreter,
    at location: SourceLocation
  ) throws(ArchLangError) -> Value
  /// Runs a `torch.nn.functional` or `torch` function.
  func callFunction(
    _ signature: Signature, arguments: [String: Value], extraPositional: [Value], interpreter: Interpreter,
    at location: SourceLocation
  ) throws(ArchLangError) -> Value
  /// Called when the program creates an instance of an `nn.Module` subclass, before `__init__` runs.
  func moduleInstanceCreated(_ instance: InstanceObject, interpreter: Interpreter)
  /// Called after `instance.name = value` on an `nn.Module` instance, to register submodules.
  func moduleAttributeAssigned(
    _ instance: InstanceObject, _ name: String, _ value: Value, interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError)
  /// Attribute access on a user `nn.Module` instance for names it does not define (`parameters`, `training`).
  func moduleAttribute(
    _ instance: InstanceObject, _ name: String, interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value?
  /// Binary operators where at least one side is an engine object; nil when unsupported.
  func binary(
    _ op: BinaryOperator, _ left: Value, _ right: Value, interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value?
  /// Unary minus and plus on engine objects; nil when unsupported.
  func unary(_ op: UnaryOperator, _ operand: Value, interpreter: Interpreter, at location: SourceLocation)
    throws(ArchLangError) -> Value?
  /// `value[index]` on engine objects; nil when unsupported.
  func subscriptValue(_ value: Value, _ index: Value, interpreter: Interpreter, at location: SourceLocation)
    throws(ArchLangError) -> Value?
}
