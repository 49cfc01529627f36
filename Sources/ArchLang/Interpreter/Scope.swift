/// A table of variables with an optional enclosing scope (function locals → module globals).
final class Scope {
  var variables: [String: Value] = [:]
  let parent: Scope?
  /// Whether this scope is a class body: functions defined here close over the enclosing scope instead.
  let isClassBody: Bool

  init(parent: Scope?, isClassBody: Bool = false) {
    self.parent = parent
    self.isClassBody = isClassBody
  }

  deinit {
    ValueReclaimer.reclaim(&variables)
  }

  func lookup(_ name: String) -> Value? {
    var current: Scope? = self
    while let scope = current {
      if let value = scope.variables[name] { return value }
      current = scope.parent
    }
    return nil
  }
}
