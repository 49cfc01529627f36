/// An engine object with a single numeric value (a one-element tensor) that `if`, `int()` and `float()` can read.
public protocol NativeScalar: NativeObject {
  /// The value as a double; throws when the object holds more than one element.
  func scalarValue(at location: SourceLocation) throws(ArchLangError) -> Double
}
