import EvoTensor

/// Shape probes of a built program value (a whole model, or a module of a component with several inputs), for tools
/// that reason about a program while it is being written (constrained decoding): which attributes are layers, what
/// a layer makes of an input of a given shape, and the shapes of the values a forward pass returns.
///
/// `CompiledModel` and `CompiledModule` both answer these questions by forwarding here.
struct BuiltValueProbe {
  let interpreter: Interpreter
  let backend: EngineBackend
  /// The engine module behind `instance`, switched to evaluation mode while a probe runs.
  let module: Module
  /// The built instance whose attributes and forward pass are probed.
  let instance: Value
  /// Where calls made by a probe are reported.
  let location: SourceLocation

  /// The instance's attributes that hold modules (layers, containers, program blocks), in assignment order.
  var moduleAttributeNames: [String] {
    guard case .instance(let object) = instance else { return [] }
    return object.attributeOrder.filter { name in
      object.attributes[name].map { backend.engineModule(of: $0) != nil } ?? false
    }
  }

  /// Python's type name of the attribute `name` (`Linear`, `GRU`, a block class), nil when it has none.
  func attributeTypeName(_ name: String) -> String? {
    guard case .instance(let object) = instance else { return nil }
    return object.attributes[name]?.typeName
  }

  /// The shape of what the module in attribute `name` returns for an input of `inputShape` (its first tensor when
  /// it returns a tuple, as recurrent layers do), in evaluation mode and without the tape; nil when the attribute
  /// is not a module or the call fails.
  func outputShape(ofAttribute name: String, inputShape: [Int]) -> [Int]? {
    guard case .instance(let object) = instance, let layer = object.attributes[name],
      backend.engineModule(of: layer) != nil,
      let value = try? call(layer, inputShapes: [inputShape])
    else { return nil }
    switch value {
    case .tuple(let tuple): return tuple.elements.first.flatMap { EngineBackend.tensor(of: $0)?.shape }
    default: return EngineBackend.tensor(of: value)?.shape
    }
  }

  /// The shapes of the tensors the forward pass returns for inputs of `inputShapes`: one entry per element when it
  /// returns a list or tuple (nil for an element that is not a tensor), one entry for a single tensor. Throws the
  /// error the pass hit.
  func forwardOutputShapes(inputShapes: [[Int]]) throws(ArchLangError) -> [[Int]?] {
    switch try call(instance, inputShapes: inputShapes) {
    case .list(let storage): return storage.elements.map { EngineBackend.tensor(of: $0)?.shape }
    case .tuple(let tuple): return tuple.elements.map { EngineBackend.tensor(of: $0)?.shape }
    case let value: return [EngineBackend.tensor(of: value)?.shape]
    }
  }

  /// Calls `callee` (the instance or one of its layers) on fixed pseudo-random inputs of `inputShapes`, in
  /// evaluation mode and without the tape. Zeros would hide layers that fail only on real values.
  func call(_ callee: Value, inputShapes: [[Int]]) throws(ArchLangError) -> Value {
    interpreter.resetSteps()
    let wasTraining = module.isTraining
    module.setTraining(false)
    defer { module.setTraining(wasTraining) }
    var generator = RandomSource(seed: 0x5EED_5A4E)
    let inputs = inputShapes.map { EngineBackend.wrap(Tensor.randn($0, using: &generator)) }
    return try Tensor.withoutGrad { () throws(ArchLangError) in try interpreter.call(callee, inputs, [], at: location) }
  }
}
