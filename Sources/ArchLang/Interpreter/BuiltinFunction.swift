/// A function implemented in Swift (`len`, `print`, `math.sqrt`, a list's `append`).
public final class BuiltinFunction {
  /// The signature of a builtin body: positional and keyword arguments, the interpreter, the call site.
  public typealias Body = (
    _ positional: [Value], _ keywords: [(String, Value)], _ interpreter: Interpreter, _ location: SourceLocation
  ) throws(ArchLangError) -> Value

  /// The Python-visible name (`len`, `math.sqrt`, `list.append`).
  public let name: String
  /// The implementation.
  public let body: Body

  /// Creates a builtin.
  public init(_ name: String, _ body: @escaping Body) {
    self.name = name
    self.body = body
  }
}
