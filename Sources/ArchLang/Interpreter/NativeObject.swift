/// An object owned by the tensor engine (a tensor, a layer) that the interpreter can hold and pass around.
///
/// The engine bridge implements attribute access, calls and operators; the interpreter asks through this protocol.
public protocol NativeObject: AnyObject {
  /// The Python-visible type name (`Tensor`, `Conv1d`).
  var typeName: String { get }
  /// `object.name`; throws when the attribute is not supported.
  func attribute(_ name: String, interpreter: Interpreter, at location: SourceLocation) throws(ArchLangError) -> Value
  /// `object(args)`; throws when the object is not callable.
  func call(
    _ positional: [Value], _ keywords: [(String, Value)], interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value
}
