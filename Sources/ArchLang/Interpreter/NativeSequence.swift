/// An engine object that behaves as a sequence in `for`, `len` and unpacking (a `ModuleList`, `Sequential`).
public protocol NativeSequence: NativeObject {
  /// The elements in order.
  func elements(interpreter: Interpreter, at location: SourceLocation) throws(ArchLangError) -> [Value]
}
