/// An instance of a program-defined class; `nn.Module` instances keep attribute order so submodules and
/// parameters are registered in the order `__init__` assigns them, as PyTorch does.
public final class InstanceObject {
  /// The instance's class.
  public let classObject: ClassObject
  /// Attribute names in first-assignment order.
  public private(set) var attributeOrder: [String] = []
  /// Attribute values.
  public private(set) var attributes: [String: Value] = [:]
  /// Whether `nn.Module.__init__` has run (PyTorch requires it before submodules are assigned).
  public var moduleInitialized = false
  /// The engine's counterpart of an `nn.Module` instance (parameters registered under PyTorch's names).
  public var engineObject: AnyObject?

  /// Creates an instance with no attributes.
  public init(classObject: ClassObject) {
    self.classObject = classObject
  }

  deinit {
    ValueReclaimer.reclaim(&attributes)
  }

  /// Sets an attribute, remembering first-assignment order.
  public func setAttribute(_ name: String, _ value: Value) {
    if attributes[name] == nil { attributeOrder.append(name) }
    attributes[name] = value
  }
}
