import EvoTensor

/// Shape probes of a built model, for tools that reason about a program while it is being written (constrained
/// decoding): which attributes are layers, what a layer makes of an input of a given shape, and the shapes of the
/// values a forward pass returns. `BuiltValueProbe` answers them; the function fingerprint is the model's own.
extension CompiledModel {
  var probe: BuiltValueProbe {
    BuiltValueProbe(
      interpreter: interpreter, backend: backend, module: module, instance: modelValue,
      location: program.modelSelectionLocation)
  }

  /// The model's attributes that hold modules (layers, containers, program blocks), in assignment order.
  public var moduleAttributeNames: [String] { probe.moduleAttributeNames }

  /// Python's type name of the model's attribute `name` (`Linear`, `GRU`, a block class), nil when it has none.
  public func attributeTypeName(_ name: String) -> String? { probe.attributeTypeName(name) }

  /// The shape of what the module in attribute `name` returns for an input of `inputShape` (its first tensor when
  /// it returns a tuple, as recurrent layers do), in evaluation mode and without the tape; nil when the attribute
  /// is not a module or the call fails.
  public func outputShape(ofAttribute name: String, inputShape: [Int]) -> [Int]? {
    probe.outputShape(ofAttribute: name, inputShape: inputShape)
  }

  /// The shapes of the tensors the forward pass returns for an input of `inputShape`: one entry per element
  /// when it returns a list or tuple (nil for an element that is not a tensor), one entry for a single tensor.
  /// Throws the error the pass hit.
  public func forwardOutputShapes(inputShape: [Int]) throws(ArchLangError) -> [[Int]?] {
    try probe.forwardOutputShapes(inputShapes: [inputShape])
  }

  /// What the model computes, as 16 hex digits: its parameter count, output shape and outputs (to 1e-4) for a
  /// fixed pseudo-random input of `inputShape`, in evaluation mode with the weights it was built with. Programs
  /// written differently that build the same network share it (`x.flatten(1)` for `x.view(x.size(0), -1)`, sizes
  /// as literals or as `__init__` defaults, an extra import), and so train to the same model: a search counts
  /// such a child as a copy.
  public func functionFingerprint(inputShape: [Int]) throws(ArchLangError) -> String {
    guard let output = EngineBackend.tensor(of: try probe.call(modelValue, inputShapes: [inputShape])) else {
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
}
