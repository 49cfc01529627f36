/// A class defined by the program (or the built-in `nn.Module` base).
public final class ClassObject {
  /// The class name.
  public let name: String
  /// The base class, nil for a root.
  public let base: ClassObject?
  /// Methods and class attributes from the class body.
  public var attributes: [String: Value]
  /// Whether this is the built-in `torch.nn.Module` itself.
  public let isModuleRoot: Bool

  /// Creates a class.
  public init(name: String, base: ClassObject?, attributes: [String: Value], isModuleRoot: Bool = false) {
    self.name = name
    self.base = base
    self.attributes = attributes
    self.isModuleRoot = isModuleRoot
  }

  deinit {
    ValueReclaimer.reclaim(&attributes)
  }

  /// Whether instances are `nn.Module`s (calling them runs `forward`).
  public var isModuleSubclass: Bool {
    var current: ClassObject? = self
    while let candidate = current {
      if candidate.isModuleRoot { return true }
      current = candidate.base
    }
    return false
  }

  /// Looks `name` up in this class and its bases, starting at this class.
  public func lookup(_ name: String) -> (value: Value, owner: ClassObject)? {
    var current: ClassObject? = self
    while let candidate = current {
      if let value = candidate.attributes[name] { return (value, candidate) }
      current = candidate.base
    }
    return nil
  }

  /// Whether this class is `other` or inherits from it.
  public func isSubclass(of other: ClassObject) -> Bool {
    var current: ClassObject? = self
    while let candidate = current {
      if candidate === other { return true }
      current = candidate.base
    }
    return false
  }
}
