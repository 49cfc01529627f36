/// Shape probes of a built module, as `CompiledModel`'s are of a whole model, for constrained decoding of a
/// component with several inputs (CLRS's triplet-message function). `BuiltValueProbe` answers them.
extension CompiledModule {
  var probe: BuiltValueProbe {
    BuiltValueProbe(interpreter: interpreter, backend: backend, module: module, instance: instance, location: location)
  }

  /// The module's attributes that hold modules, in assignment order.
  public var moduleAttributeNames: [String] { probe.moduleAttributeNames }

  /// Python's type name of the attribute `name`, nil when it has none.
  public func attributeTypeName(_ name: String) -> String? { probe.attributeTypeName(name) }

  /// The shape of what the module in attribute `name` returns for an input of `inputShape` (its first tensor when
  /// it returns a tuple); nil when the attribute is not a module or the call fails.
  public func outputShape(ofAttribute name: String, inputShape: [Int]) -> [Int]? {
    probe.outputShape(ofAttribute: name, inputShape: inputShape)
  }

  /// The shapes of the tensors `forward` returns for inputs of `inputShapes`: one entry per element of a returned
  /// list or tuple (nil for one that is not a tensor), one for a single tensor. Throws the error the pass hit.
  public func forwardOutputShapes(inputShapes: [[Int]]) throws(ArchLangError) -> [[Int]?] {
    try probe.forwardOutputShapes(inputShapes: inputShapes)
  }
}
