import EvoTensor

/// Shape probes of a built module, as `CompiledModel`'s are of a whole model, for constrained decoding of a
/// component with several inputs (CLRS's triplet-message function).
extension CompiledModule {
  /// The module's attributes that hold modules, in assignment order.
  public var moduleAttributeNames: [String] {
    guard case .instance(let object) = instance else { return [] }
    return object.attributeOrder.filter { name in
      object.attributes[name].map { backend.engineModule(of: $0) != nil } ?? false
    }
  }

  /// Python's type name of the attribute `name`, nil when it has none.
  public func attributeTypeName(_ name: String) -> String? {
    guard case .instance(let object) = instance else { return nil }
    return object.attributes[name]?.typeName
  }

  /// The shape of what the module in attribute `name` returns for an input of `inputShape` (its first tensor when
  /// it returns a tuple), in evaluation mode and without the tape; nil when the attribute is not a module or the
  /// call fails.
  public func outputShape(ofAttribute name: String, inputShape: [Int]) -> [Int]? {
    guard case .instance(let object) = instance, let layer = object.attributes[name],
      backend.engineModule(of: layer) != nil,
      let value = try? probe(layer, inputShapes: [inputShape])
    else { return nil }
    switch value {
    case .tuple(let tuple): return tuple.elements.first.flatMap { EngineBackend.tensor(of: $0)?.shape }
    default: return EngineBackend.tensor(of: value)?.shape
    }
  }

  /// The shapes of the tensors `forward` returns for inputs of `inputShapes`: one entry per element of a returned
  /// list or tuple (nil for one that is not a tensor), one for a single tensor. Throws the error the pass hit.
  public func forwardOutputShapes(inputShapes: [[Int]]) throws(ArchLangError) -> [[Int]?] {
    switch try probe(instance, inputShapes: inputShapes) {
    case .list(let storage): return storage.elements.map { EngineBackend.tensor(of: $0)?.shape }
    case .tuple(let tuple): return tuple.elements.map { EngineBackend.tensor(of: $0)?.shape }
    case let value: return [EngineBackend.tensor(of: value)?.shape]
    }
  }

  /// Calls `callee` (the module or one of its layers) on fixed pseudo-random inputs of `inputShapes`, in
  /// evaluation mode and without the tape.
  private func probe(_ callee: Value, inputShapes: [[Int]]) throws(ArchLangError) -> Value {
    interpreter.resetSteps()
    let wasTraining = module.isTraining
    module.setTraining(false)
    defer { module.setTraining(wasTraining) }
    var generator = RandomSource(seed: 0x5EED_5A4E)
    let inputs = inputShapes.map { EngineBackend.wrap(Tensor.randn($0, using: &generator)) }
    var result: Result<Value, ArchLangError> = .failure(ArchLangError(.runtime, "the probe did not run", at: .start))
    Tensor.withoutGrad {
      do throws(ArchLangError) {
        result = .success(try interpreter.call(callee, inputs, [], at: location))
      } catch {
        result = .failure(error)
      }
    }
    return try result.get()
  }
}
