import EvoTensor

/// Shape probes of a built model, for tools that reason about a program while it is being written (constrained
/// decoding): which attributes are layers, what a layer makes of an input of a given shape, and the shapes of the
/// values a forward pass returns.
extension CompiledModel {
  /// The model's attributes that hold modules (layers, containers, program blocks), in assignment order.
  public var moduleAttributeNames: [String] {
    guard case .instance(let instance) = modelValue else { return [] }
    return instance.attributeOrder.filter { name in
      instance.attributes[name].map { backend.engineModule(of: $0) != nil } ?? false
    }
  }

  /// Python's type name of the model's attribute `name` (`Linear`, `GRU`, a block class), nil when it has none.
  public func attributeTypeName(_ name: String) -> String? {
    guard case .instance(let instance) = modelValue else { return nil }
    return instance.attributes[name]?.typeName
  }

  /// The shape of what the module in attribute `name` returns for an input of `inputShape` (its first tensor when
  /// it returns a tuple, as recurrent layers do), in evaluation mode and without the tape; nil when the attribute
  /// is not a module or the call fails.
  public func outputShape(ofAttribute name: String, inputShape: [Int]) -> [Int]? {
    guard case .instance(let instance) = modelValue, let layer = instance.attributes[name],
      let module = backend.engineModule(of: layer)
    else { return nil }
    return probe(module: module) { () throws(ArchLangError) -> Value in
      try interpreter.call(
        layer, [EngineBackend.wrap(Self.probeInput(inputShape))], [], at: program.modelSelectionLocation)
    }
  }

  /// The shapes of the tensors the forward pass returns for an input of `inputShape`: one entry per element
  /// when it returns a list or tuple (nil for an element that is not a tensor), one entry for a single tensor.
  /// Throws the error the pass hit.
  public func forwardOutputShapes(inputShape: [Int]) throws(ArchLangError) -> [[Int]?] {
    interpreter.resetSteps()
    let wasTraining = module.isTraining
    module.setTraining(false)
    defer { module.setTraining(wasTraining) }
    var result: Result<Value, ArchLangError> = .failure(ArchLangError(.runtime, "forward did not run", at: .start))
    Tensor.withoutGrad {
      do throws(ArchLangError) {
        result = .success(
          try interpreter.call(
            modelValue, [EngineBackend.wrap(Self.probeInput(inputShape))], [], at: program.modelSelectionLocation))
      } catch {
        result = .failure(error)
      }
    }
    switch try result.get() {
    case .list(let storage): return storage.elements.map { EngineBackend.tensor(of: $0)?.shape }
    case .tuple(let items): return items.map { EngineBackend.tensor(of: $0)?.shape }
    case let value: return [EngineBackend.tensor(of: value)?.shape]
    }
  }

  /// A fixed pseudo-random input (zeros would hide layers that fail only on real values).
  static func probeInput(_ shape: [Int]) -> Tensor {
    var generator = RandomSource(seed: 0x5EED_5A4E)
    return Tensor.randn(shape, using: &generator)
  }

  /// Runs `call` in evaluation mode without the tape and returns the shape of the tensor it gives.
  private func probe(module: Module, _ call: () throws(ArchLangError) -> Value) -> [Int]? {
    interpreter.resetSteps()
    let wasTraining = module.isTraining
    module.setTraining(false)
    defer { module.setTraining(wasTraining) }
    var shape: [Int]?
    Tensor.withoutGrad {
      guard let value = try? call() else { return }
      switch value {
      case .tuple(let items): shape = items.first.flatMap { EngineBackend.tensor(of: $0)?.shape }
      default: shape = EngineBackend.tensor(of: value)?.shape
      }
    }
    return shape
  }
}
