/// One active user-function call: what `super()` needs to know.
struct CallFrame {
  /// The class that defined the running method, if it is a method.
  var ownerClass: ClassObject?
  /// The first argument (`self`), if any.
  var receiver: Value?
}
