/// An open block of the program being written: a class body or a method body.
struct PrefixCheckerBlock: Sendable, Equatable {
  /// `nil` for a class body; the method name for a method body.
  var functionName: String?
  /// The class this block is (or is inside).
  var className: String
  /// The indentation of the block's statements.
  var bodyIndent: Int
}
