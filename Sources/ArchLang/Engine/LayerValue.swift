import EvoTensor

/// A built-in `torch.nn` layer (`nn.Conv1d(...)`, `nn.ReLU()`, `nn.GRU(...)`) as the program sees it.
public final class LayerValue: NativeObject, NativeModule, CustomStringConvertible {
  /// The PyTorch class name (`Conv1d`).
  public let name: String
  /// The engine module registered in parents: the layer itself, or a `BridgedModule` for layers the engine has no
  /// class for (pooling, flatten) and for lazy layers (which receive their parameters on the first pass).
  public let module: Module
  var kind: LayerKind
  /// The backend that built the layer (for lazy materialisation and dropout randomness).
  unowned let backend: EngineBackend
  /// Where the program constructed the layer, named by an input-size mismatch so the check can repair it.
  let constructedAt: SourceLocation

  init(name: String, module: Module, kind: LayerKind, backend: EngineBackend, constructedAt: SourceLocation) {
    self.name = name
    self.constructedAt = constructedAt
    self.module = module
    self.kind = kind
    self.backend = backend
    if let bridged = module as? BridgedModule {
      bridged.body = { [weak self] (input) throws(ArchLangError) -> Tensor in
        guard let self else { throw ArchLangError(.runtime, "the layer no longer exists", at: .start) }
        let output = try self.forward([.native(TensorValue(input))], at: .start)
        guard case .native(let object) = output, let tensor = (object as? TensorValue)?.tensor else {
          throw ArchLangError(.runtime, "\(self.name) did not return a tensor", at: .start)
        }
        return tensor
      }
    }
  }

  public var typeName: String { name }

  public var description: String { name + "()" }

  public func attribute(_ attribute: String, interpreter: Interpreter, at location: SourceLocation)
    throws(ArchLangError)
    -> Value
  {
    switch attribute {
    case "training": return .bool(module.isTraining)
    case "weight", "bias":
      guard let tensor = module.namedParameters().first(where: { $0.name == attribute })?.tensor else {
        if attribute == "bias" { return .none }
        throw ArchLangError(.runtime, "'\(name)' object has no attribute '\(attribute)'", at: location)
      }
      return .native(TensorValue(tensor))
    default:
      return try backend.moduleMethod(attribute, of: module, value: .native(self), typeName: name, at: location)
    }
  }

  public func call(
    _ positional: [Value], _ keywords: [(String, Value)], interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    guard keywords.isEmpty else {
      throw ArchLangError(.runtime, "\(name).forward() got unexpected keyword arguments", at: location)
    }
    return try forward(positional, at: location)
  }
}
