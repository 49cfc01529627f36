/// A network component that owns parameters, buffers and child modules, as `torch.nn.Module` does.
///
/// Subclasses register what they own in their initialiser; names follow PyTorch's `state_dict` keys
/// (`conv1.weight`, `layers.0.bias`), so weights can be exchanged with PyTorch by name.
open class Module {
  /// Whether the module (and its children) behave as in training (dropout active, batch statistics).
  public private(set) var isTraining = true
  private var localParameters: [(String, Tensor)] = []
  private var localBuffers: [(String, Tensor)] = []
  private var localChildren: [(String, Module)] = []

  public init() {}

  /// Applies the module to one tensor.
  open func forward(_ input: Tensor) -> Tensor {
    preconditionFailure("\(type(of: self)) does not take a single tensor")
  }

  /// Applies the module to one tensor.
  public func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

  /// Registers (or replaces) a trainable parameter under `name`.
  @discardableResult
  public func registerParameter(_ name: String, _ tensor: Tensor) -> Tensor {
    tensor.requiresGrad = true
    Module.register(tensor, as: name, in: &localParameters)
    return tensor
  }

  /// Registers (or replaces) a state tensor that is saved but not trained (running statistics).
  @discardableResult
  public func registerBuffer(_ name: String, _ tensor: Tensor) -> Tensor {
    Module.register(tensor, as: name, in: &localBuffers)
    return tensor
  }

  /// Registers (or replaces) a child module under `name`.
  @discardableResult
  public func registerModule<M: Module>(_ name: String, _ module: M) -> M {
    Module.register(module, as: name, in: &localChildren)
    // Only a child in the other mode needs its tree walked: wrapping a deep tree must not cost its whole size.
    if module.isTraining != isTraining { module.setTraining(isTraining) }
    return module
  }

  /// Replaces the entry named `name` in place (keeping its position, as PyTorch's `__setattr__` does), or appends it.
  private static func register<Value>(_ value: Value, as name: String, in entries: inout [(String, Value)]) {
    if let i = entries.firstIndex(where: { $0.0 == name }) {
      entries[i].1 = value
    } else {
      entries.append((name, value))
    }
  }

  /// The direct children in registration order.
  public var children: [(name: String, module: Module)] { localChildren.map { ($0.0, $0.1) } }

  /// Every parameter with its dotted name, each tensor once (shared parameters are listed where first met).
  public func namedParameters() -> [(name: String, tensor: Tensor)] {
    var seen = Set<ObjectIdentifier>()
    return collect(prefix: "", seen: &seen, buffers: false)
  }

  /// Every buffer with its dotted name.
  public func namedBuffers() -> [(name: String, tensor: Tensor)] {
    var seen = Set<ObjectIdentifier>()
    return collect(prefix: "", seen: &seen, buffers: true)
  }

  /// Every module of the tree with its dotted name (`""` for this one), each once in depth-first order, as
  /// PyTorch's `named_modules`: a module shared by two parents, or one that contains itself, is visited once.
  public func namedModules() -> [(name: String, module: Module)] {
    var seen = Set<ObjectIdentifier>()
    var result: [(name: String, module: Module)] = []
    var stack: [(name: String, module: Module)] = [("", self)]
    while let (name, module) = stack.popLast() {
      guard seen.insert(ObjectIdentifier(module)).inserted else { continue }
      result.append((name, module))
      for (childName, child) in module.localChildren.reversed() {
        stack.append((name.isEmpty ? childName : name + "." + childName, child))
      }
    }
    return result
  }

  private func collect(prefix: String, seen: inout Set<ObjectIdentifier>, buffers: Bool) -> [(
    name: String, tensor: Tensor
  )] {
    var result: [(name: String, tensor: Tensor)] = []
    for (moduleName, module) in namedModules() {
      for (name, tensor) in buffers ? module.localBuffers : module.localParameters
      where seen.insert(ObjectIdentifier(tensor)).inserted {
        result.append((prefix + (moduleName.isEmpty ? name : moduleName + "." + name), tensor))
      }
    }
    return result
  }

  /// Every trainable parameter, each once.
  public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

  /// The number of trainable scalars, as `sum(p.numel() for p in model.parameters())`.
  public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

  /// Switches training behaviour on or off for this module and all its children.
  public func setTraining(_ training: Bool) {
    for (_, module) in namedModules() { module.isTraining = training }
  }

  /// Copies values into parameters and buffers by `state_dict` name; returns the names that were not found.
  @discardableResult
  public func loadState(_ state: [String: [Float]]) -> [String] {
    var missing: [String] = []
    for (name, tensor) in namedParameters() + namedBuffers() {
      guard let values = state[name] else {
        missing.append(name)
        continue
      }
      precondition(values.count == tensor.count, "\(name): \(values.count) values for shape \(tensor.shape)")
      tensor.basePointer.update(from: values, count: values.count)
    }
    return missing
  }
}
