/// An engine object with a length (`len(tensor)` is the size of its first dimension).
public protocol NativeSized: NativeObject {
  /// The length `len()` reports.
  func length(at location: SourceLocation) throws(ArchLangError) -> Int
}
