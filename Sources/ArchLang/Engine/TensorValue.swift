import EvoTensor

/// A tensor as the interpreted program sees it: `x.shape`, `x.view(...)`, `x @ w`, `len(x)`, `float(x)`.
///
/// A value may also stand for a broadcast sum not yet added up (`a[:, :, None] + b[:, None, :] + …`, see
/// `EngineBackend.binary`): a reduction over one axis then runs fused on the terms, and any other use adds them up
/// once, on first access to `tensor`.
public final class TensorValue: NativeObject, NativeSized, NativeScalar, CustomStringConvertible {
  private var computed: Tensor?
  /// The terms of a pending broadcast sum (nil for a plain tensor).
  let pendingTerms: [Tensor]?
  /// The value's shape, known without adding up a pending sum.
  public let shape: [Int]

  /// Whether this is a broadcast sum not yet added up.
  var isPending: Bool { computed == nil && pendingTerms != nil }

  /// The engine tensor (autodiff links included); a pending sum is added up here, once.
  public var tensor: Tensor {
    if let computed { return computed }
    let sum = Tensor.broadcastSum(pendingTerms!)
    computed = sum
    return sum
  }

  /// Wraps a tensor.
  public init(_ tensor: Tensor) {
    computed = tensor
    pendingTerms = nil
    shape = tensor.shape
  }

  /// A pending broadcast sum of `terms` (their shapes must broadcast together).
  init(pendingSum terms: [Tensor], shape: [Int]) {
    pendingTerms = terms
    self.shape = shape
  }

  public var typeName: String { "Tensor" }

  public var description: String { "tensor(shape=\(shape))" }

  public func attribute(_ name: String, interpreter: Interpreter, at location: SourceLocation) throws(ArchLangError)
    -> Value
  {
    switch name {
    case "shape": return .tuple(shape.map { .int($0) })
    case "ndim": return .int(shape.count)
    case "dtype": return .namespace("torch.float32")
    case "device": return .string("cpu")
    case "requires_grad": return .bool(tensor.requiresGrad)
    case "T":
      guard tensor.rank <= 2 else {
        throw ArchLangError(
          .unsupported, "Tensor.T is only supported for tensors of rank up to 2; use permute", at: location)
      }
      return tensor.rank == 2 ? .native(TensorValue(tensor.transposed(0, 1))) : .native(self)
    default:
      guard let signature = interpreter.catalog.tensorMethods[name] else {
        let names = (interpreter.catalog.tensorMethods.keys + interpreter.catalog.tensorAttributes).sorted()
        throw ArchLangError(
          .unsupported,
          "`Tensor.\(name)` is not supported; supported tensor methods and attributes are: \(names.joined(separator: ", "))",
          at: location)
      }
      return .builtin(
        BuiltinFunction("Tensor.\(name)") {
          [self] (positional, keywords, interpreter, location) throws(ArchLangError) in
          let backend = try EngineBackend.require(interpreter, at: location)
          let binding = try signature.bind(positional: positional, keywords: keywords, at: location)
          let arguments = CallArguments(
            signature: signature, bound: binding.bound, extraPositional: binding.extraPositional, location: location,
            interpreter: interpreter)
          return try backend.tensorMethod(name, on: self, arguments)
        })
    }
  }

  public func call(
    _ positional: [Value], _ keywords: [(String, Value)], interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    throw ArchLangError(.runtime, "'Tensor' object is not callable", at: location)
  }

  public func length(at location: SourceLocation) throws(ArchLangError) -> Int {
    guard let first = shape.first else { throw ArchLangError(.runtime, "len() of a 0-d tensor", at: location) }
    return first
  }

  public func scalarValue(at location: SourceLocation) throws(ArchLangError) -> Double {
    guard tensor.count == 1 else {
      throw ArchLangError(
        .runtime, "a Tensor with \(tensor.count) elements cannot be converted to a Python number", at: location)
    }
    return Double(tensor.detached().contiguous().basePointer[0])
  }
}
