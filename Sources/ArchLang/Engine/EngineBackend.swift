import EvoTensor

/// Connects the interpreter to EvoTensor: builds layers for `nn.X(...)`, runs `torch`/`F` functions and tensor
/// methods, registers submodules under PyTorch's names, and checks every shape before the engine sees it.
public final class EngineBackend: TensorBackend {
  /// The interpreter this backend serves (it owns the backend).
  public unowned let interpreter: Interpreter
  /// Draws initial weights, `torch.randn` values and dropout masks.
  var generator: RandomSource
  /// Trainable scalars created so far, checked against `limits.maximumParameters`.
  private(set) var allocatedParameters = 0
  /// How deep the program's modules nest inside one another.
  var nesting = ModuleNesting()

  /// Creates a backend for `interpreter` and installs it; weights are drawn from `seed`.
  @discardableResult
  public init(interpreter: Interpreter, seed: UInt64) {
    self.interpreter = interpreter
    self.generator = RandomSource(seed: seed)
    interpreter.backend = self
  }

  var limits: InterpreterLimits { interpreter.limits }

  /// The backend of `interpreter`, or an error when it runs without the engine.
  static func require(_ interpreter: Interpreter, at location: SourceLocation) throws(ArchLangError) -> EngineBackend {
    guard let backend = interpreter.backend as? EngineBackend else {
      throw ArchLangError(
        .runtime, "tensors need the tensor engine, and this interpreter runs without one", at: location)
    }
    return backend
  }

  /// Records `count` new parameters, failing past the limit.
  func allocate(parameters count: Int, for name: String, at location: SourceLocation) throws(ArchLangError) {
    allocatedParameters = try InterpreterLimits.charged(
      allocatedParameters, count, limit: limits.maximumParameters, at: location
    ) { "\(name) would bring the model to more than \(limits.maximumParameters) parameters" }
  }

  /// The engine module behind a program value (a layer, a container or an `nn.Module` instance).
  func engineModule(of value: Value) -> Module? {
    switch value {
    case .native(let object):
      if let layer = object as? LayerValue { return layer.module }
      if let container = object as? ContainerValue { return container.module }
      return nil
    case .instance(let instance):
      return instance.engineObject as? Module
    default:
      return nil
    }
  }

  /// The tensor inside a value, or nil (a pending sum is added up).
  static func tensor(of value: Value) -> Tensor? {
    tensorValue(of: value)?.tensor
  }

  /// The tensor value inside a value, pending sums left pending.
  static func tensorValue(of value: Value) -> TensorValue? {
    guard case .native(let object) = value else { return nil }
    return object as? TensorValue
  }

  /// Wraps an existing tensor (a parameter, an input) as a program value.
  static func wrap(_ tensor: Tensor) -> Value { .native(TensorValue(tensor)) }

  /// What one element of an element-wise op, a reduction, a pooling or a normalisation costs against the
  /// operations budget, in operations of a BLAS matrix product: such loops go through memory one element at a
  /// time and run about 30 times slower per element than BLAS does per operation.
  static let elementCost = 32

  /// What calling into the engine costs in interpreter steps besides the arithmetic (binding arguments, checking
  /// shapes, making the result), about as much as 16 simple statements.
  static let callSteps = 16

  /// Wraps a newly computed tensor, counting its elements against the run's memory budget.
  func produced(_ tensor: Tensor, at location: SourceLocation) throws(ArchLangError) -> Value {
    try interpreter.work(Self.callSteps, at: location)
    try interpreter.charge(tensor.count, at: location)
    try interpreter.compute(Self.elementCost, tensor.count, at: location)
    return .native(TensorValue(tensor))
  }

  // MARK: nn.Module instances

  public func moduleInstanceCreated(_ instance: InstanceObject, interpreter: Interpreter) {
    let module = BridgedModule()
    module.body = { [weak instance, weak interpreter] (input) throws(ArchLangError) -> Tensor in
      guard let instance, let interpreter else {
        throw ArchLangError(.runtime, "the module no longer exists", at: .start)
      }
      let output = try interpreter.call(.instance(instance), [EngineBackend.wrap(input)], [], at: .start)
      guard let tensor = EngineBackend.tensor(of: output) else {
        throw ArchLangError(
          .runtime, "\(instance.classObject.name).forward must return a tensor, got \(output.typeName)", at: .start)
      }
      return tensor
    }
    instance.engineObject = module
  }

  public func moduleAttributeAssigned(
    _ instance: InstanceObject, _ name: String, _ value: Value, interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) {
    guard let child = engineModule(of: value) else { return }
    guard instance.moduleInitialized else {
      throw ArchLangError(
        .runtime,
        "cannot assign module before Module.__init__() call: call super().__init__() first in \(instance.classObject.name).__init__",
        at: location)
    }
    if case .instance(let other) = value, other === instance {
      throw ArchLangError(.runtime, "a module cannot contain itself", at: location)
    }
    if let parent = instance.engineObject as? Module { try register(child, as: name, in: parent, at: location) }
  }

  public func moduleAttribute(
    _ instance: InstanceObject, _ name: String, interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value? {
    guard let module = instance.engineObject as? Module else { return nil }
    if name == "training" { return .bool(module.isTraining) }
    if name == "add_module" {
      return .builtin(
        BuiltinFunction("Module.add_module") { (positional, _, interpreter, location) throws(ArchLangError) in
          guard positional.count == 2, case .string(let key) = positional[0] else {
            throw ArchLangError(.runtime, "add_module(name, module) takes a string name and a module", at: location)
          }
          try interpreter.setAttribute(of: .instance(instance), key, positional[1], at: location)
          return .none
        })
    }
    return try moduleMethod(
      name, of: module, value: .instance(instance), typeName: instance.classObject.name, at: location)
  }

  /// Methods every module has: `parameters()`, `named_parameters()`, `train()`, `eval()`, `to(...)`.
  func moduleMethod(_ name: String, of module: Module, value: Value, typeName: String, at location: SourceLocation)
    throws(ArchLangError) -> Value
  {
    func method(_ body: @escaping ([Value]) throws(ArchLangError) -> Value) -> Value {
      .builtin(
        BuiltinFunction("\(typeName).\(name)") { (positional, _, _, _) throws(ArchLangError) in try body(positional) })
    }
    switch name {
    case "parameters":
      return method { _ in .list(ListStorage(module.parameters().map(EngineBackend.wrap))) }
    case "named_parameters":
      return method { _ in
        .list(ListStorage(module.namedParameters().map { .tuple([.string($0.name), EngineBackend.wrap($0.tensor)]) }))
      }
    case "train":
      return method { [interpreter] (positional) throws(ArchLangError) in
        module.setTraining(
          try positional.first.map { (flag) throws(ArchLangError) in try interpreter.truth(flag, at: location) } ?? true
        )
        return value
      }
    case "eval":
      return method { _ in
        module.setTraining(false)
        return value
      }
    case "to", "float":
      return method { _ in value }
    default:
      let names = interpreter.catalog.moduleMethods.keys.sorted().joined(separator: ", ")
      throw ArchLangError(
        .runtime, "'\(typeName)' object has no attribute '\(name)' (module methods are: \(names))", at: location)
    }
  }
}
