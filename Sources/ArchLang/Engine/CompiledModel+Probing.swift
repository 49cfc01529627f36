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
      backend.engineModule(of: layer) != nil,
      let value = try? probe(layer, inputShape: inputShape)
    else { return nil }
    switch value {
    case .tuple(let tuple): return tuple.elements.first.flatMap { EngineBackend.tensor(of: $0)?.shape }
    default: return EngineBackend.tensor(of: value)?.shape
    }
  }

  /// The shapes of the tensors the forward pass returns for an input of `inputShape`: one entry per element
  /// when it returns a list or tuple (nil for an element that is not a tensor), one entry for a single tensor.
  /// Throws the error the pass hit.
  public func forwardOutputShapes(inputShape: [Int]) throws(ArchLangError) -> [[Int]?] {
    switch try probe(modelValue, inputShape: inputShape) {
    case .list(let storage): return storage.elements.map { EngineBackend.tensor(of: $0)?.shape }
    case .tuple(let tuple): return tuple.elements.map { EngineBackend.tensor(of: $0)?.shape }
    case let value: return [EngineBackend.tensor(of: value)?.shape]
    }
  }

  /// What the model computes, as 16 hex digits: its parameter count, output shape and outputs (to 1e-4) for a
  /// fixed pseudo-random input of `inputShape`, in evaluation mode with the weights it was built with. Programs
  /// written differently that build the same network share it (`x.flatten(1)` for `x.view(x.size(0), -1)`, sizes
  /// as literals or as `__init__` defaults, an extra import), and so train to the same model: a search counts
  /// such a child as a copy.
  public func functionFingerprint(inputShape: [Int]) throws(ArchLangError) -> String {
    guard let output = EngineBackend.tensor(of: try probe(modelValue, inputShape: inputShape)) else {
      throw ArchLangError(.runtime, "the model's forward must return a tensor", at: program.modelSelectionLocation)
    }
    return Self.functionFingerprint(parameterCount: parameterCount, output: output)
  }

  /// The fingerprint of a network with `parameterCount` parameters that gave `output` for its probe input: 16 hex
  /// digits of the count, the shape and the values to 1e-4. Any task's check that probes its programs uses it.
  public static func functionFingerprint(parameterCount: Int, output: Tensor) -> String {
    var text = "\(parameterCount) \(output.shape)"
    for value in output.scalars {
      text += value.isFinite ? " \(Int64((value * 10_000).rounded()))" : " \(value)"
    }
    return StableHash.hexDigest(text)
  }

  /// Calls `callee` (the model or one of its layers) on a fixed pseudo-random input of `inputShape`, in evaluation
  /// mode and without the tape. Zeros would hide layers that fail only on real values.
  private func probe(_ callee: Value, inputShape: [Int]) throws(ArchLangError) -> Value {
    interpreter.resetSteps()
    let wasTraining = module.isTraining
    module.setTraining(false)
    defer { module.setTraining(wasTraining) }
    var generator = RandomSource(seed: 0x5EED_5A4E)
    let input = EngineBackend.wrap(Tensor.randn(inputShape, using: &generator))
    var result: Result<Value, ArchLangError> = .failure(ArchLangError(.runtime, "the probe did not run", at: .start))
    Tensor.withoutGrad {
      do throws(ArchLangError) {
        result = .success(try interpreter.call(callee, [input], [], at: program.modelSelectionLocation))
      } catch {
        result = .failure(error)
      }
    }
    return try result.get()
  }
}
