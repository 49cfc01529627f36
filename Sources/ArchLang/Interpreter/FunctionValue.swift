/// A user-defined function or method: its definition, the defaults evaluated when `def` ran, and its scope.
public final class FunctionValue {
  /// The `def` statement.
  public let definition: FunctionDefinition
  /// Default values by parameter name, evaluated once at definition time (as Python does).
  public private(set) var defaults: [String: Value]
  /// The scope the function was defined in; its body's names resolve through it.
  let enclosingScope: Scope
  /// The class whose body defined this function, so `super()` knows where to start.
  public internal(set) weak var ownerClass: ClassObject?

  init(definition: FunctionDefinition, defaults: [String: Value], enclosingScope: Scope) {
    self.definition = definition
    self.defaults = defaults
    self.enclosingScope = enclosingScope
  }

  deinit {
    ValueReclaimer.reclaim(&defaults)
  }
}
