import EvoTensor

extension EngineBackend {
  public func callFunction(
    _ signature: Signature, arguments bound: [String: Value], extraPositional: [Value], interpreter: Interpreter,
    at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    let arguments = CallArguments(
      signature: signature, bound: bound, extraPositional: extraPositional, location: location, interpreter: interpreter
    )
    if let value = try activationOrLayerFunction(arguments) { return value }
    if let value = try tensorFunction(arguments) { return value }
    throw ArchLangError(.unsupported, "`\(signature.displayName)` is not supported", at: location)
  }

  /// The activations, softmax, dropout, pooling, padding and layer norm (`F.x`, and `torch.x` where both exist);
  /// nil for any other function.
  private func activationOrLayerFunction(_ arguments: CallArguments) throws(ArchLangError) -> Value? {
    let (signature, location) = (arguments.signature, arguments.location)
    func wrap(_ tensor: Tensor) throws(ArchLangError) -> Value { try produced(tensor, at: location) }
    func input() throws(ArchLangError) -> Tensor { try arguments.tensor("input") }
    switch (signature.category, signature.name) {
    case (.functional, "relu"), (.torchFunction, "relu"): return try wrap(try input().relu())
    case (.functional, "gelu"):
      let approximate = try arguments.string("approximate") ?? "none"
      guard approximate == "none" else { throw arguments.unsupported("approximate='\(approximate)' is not supported") }
      return try wrap(try input().gelu())
    case (.functional, "silu"): return try wrap(try input().silu())
    case (.functional, "leaky_relu"):
      return try wrap(try input().leakyReLU(negativeSlope: try arguments.float("negative_slope")))
    case (.functional, "elu"): return try wrap(try input().elu(alpha: try arguments.float("alpha")))
    case (.functional, "sigmoid"), (.torchFunction, "sigmoid"): return try wrap(try input().sigmoid())
    case (.functional, "tanh"), (.torchFunction, "tanh"): return try wrap(try input().tanh())
    case (_, "softmax"), (_, "log_softmax"):
      return try wrap(
        try softmax(
          try input(), dim: try arguments.optionalInt("dim"), logarithmic: signature.name == "log_softmax", at: location
        ))
    case (.functional, "dropout"):
      return try wrap(
        try dropout(
          try input(), probability: try arguments.float("p"), training: try arguments.bool("training"), at: location))
    case (.functional, "max_pool1d"):
      guard !(try arguments.bool("return_indices")) else {
        throw arguments.unsupported("return_indices=True is not supported")
      }
      let kernel = try arguments.int("kernel_size", minimum: 1)
      return try wrap(
        try maxPool(
          try input(), kernel: kernel, stride: try arguments.optionalInt("stride", minimum: 1) ?? kernel,
          padding: try arguments.int("padding", minimum: 0), dilation: try arguments.int("dilation", minimum: 1),
          ceilMode: try arguments.bool("ceil_mode"), at: location))
    case (.functional, "avg_pool1d"):
      let kernel = try arguments.int("kernel_size", minimum: 1)
      return try wrap(
        try avgPool(
          try input(), kernel: kernel, stride: try arguments.optionalInt("stride", minimum: 1) ?? kernel,
          padding: try arguments.int("padding", minimum: 0), ceilMode: try arguments.bool("ceil_mode"),
          countIncludePad: try arguments.bool("count_include_pad"), at: location))
    case (.functional, "adaptive_avg_pool1d"), (.functional, "adaptive_max_pool1d"):
      if signature.name == "adaptive_max_pool1d", try arguments.bool("return_indices") {
        throw arguments.unsupported("return_indices=True is not supported")
      }
      return try wrap(
        try adaptivePool(
          try input(), size: try arguments.int("output_size", minimum: 1),
          maximum: signature.name == "adaptive_max_pool1d",
          at: location))
    case (.functional, "pad"):
      return try wrap(try pad(try input(), arguments))
    case (.functional, "layer_norm"):
      guard let shape = try arguments.ints("normalized_shape"), shape.allSatisfy({ $0 >= 1 }) else {
        throw arguments.error("normalized_shape must be a positive int or tuple of ints")
      }
      return try wrap(
        try layerNorm(
          try input(), shape: shape, weight: try arguments.optionalTensor("weight"),
          bias: try arguments.optionalTensor("bias"),
          epsilon: try arguments.float("eps"), at: location))
    default:
      return nil
    }
  }

  /// The other `torch` functions: joining, reshaping, reductions, elementwise and factory functions; nil for any other.
  private func tensorFunction(_ arguments: CallArguments) throws(ArchLangError) -> Value? {
    let (signature, location) = (arguments.signature, arguments.location)
    func wrap(_ tensor: Tensor) throws(ArchLangError) -> Value { try produced(tensor, at: location) }
    func input() throws(ArchLangError) -> Tensor { try arguments.tensor("input") }
    switch (signature.category, signature.name) {
    case (.torchFunction, "cat"), (.torchFunction, "concat"), (.torchFunction, "stack"):
      var tensors: [Tensor] = []
      for value in try arguments.interpreter.elements(of: arguments.value("tensors"), at: location) {
        guard let tensor = EngineBackend.tensor(of: value) else {
          throw arguments.error("expected a sequence of Tensors, got an element of type \(value.typeName)")
        }
        tensors.append(tensor)
      }
      return try wrap(
        try concatenate(tensors, dim: try arguments.int("dim"), stack: signature.name == "stack", at: location))
    case (.torchFunction, "flatten"):
      return try wrap(
        try flatten(try input(), start: try arguments.int("start_dim"), end: try arguments.int("end_dim"), at: location)
      )
    case (.torchFunction, "amax"), (.torchFunction, "amin"), (.torchFunction, "mean"), (.torchFunction, "sum"):
      let x = try arguments.tensorValue("input")
      let axes = try reductionAxes(arguments, "dim", rank: x.shape.count)
      return try wrap(
        try reduce(x, axes: axes, keepDims: try arguments.bool("keepdim"), kind: signature.name, at: location))
    case (.torchFunction, "max"), (.torchFunction, "min"):
      return try extremum(try arguments.tensorValue("input"), arguments, maximum: signature.name == "max")
    case (.torchFunction, "clamp"), (.torchFunction, "clip"):
      return try wrap(try clamp(try input(), arguments))
    case (.torchFunction, "exp"): return try wrap(try input().exp())
    case (.torchFunction, "abs"): return try wrap(try input().abs())
    case (.torchFunction, "maximum"), (.torchFunction, "minimum"):
      let (a, b) = (try input(), try arguments.tensor("other"))
      try checkResult(try ShapeRules.broadcast(a.shape, b.shape, at: location), at: location)
      return try wrap(signature.name == "maximum" ? a.maximum(b) : a.minimum(b))
    case (.torchFunction, "matmul"):
      return try wrap(try matmul(try input(), try arguments.tensor("other"), at: location))
    case (.torchFunction, "transpose"):
      return try wrap(try transpose(try input(), try arguments.int("dim0"), try arguments.int("dim1"), at: location))
    case (.torchFunction, "split"):
      return try split(
        try arguments.tensor("tensor"), sizes: arguments.value("split_size_or_sections"), dim: try arguments.int("dim"),
        at: location)
    case (.torchFunction, "chunk"):
      return try chunk(try input(), chunks: try arguments.int("chunks"), dim: try arguments.int("dim"), at: location)
    case (.torchFunction, "zeros"), (.torchFunction, "ones"), (.torchFunction, "randn"):
      let shape = try intList(arguments.extraPositional, what: "sizes", at: location)
      try checkResult(shape, at: location)
      switch signature.name {
      case "zeros": return try wrap(Tensor.zeros(shape))
      case "ones": return try wrap(Tensor.ones(shape))
      default: return try wrap(Tensor.randn(shape, using: &generator))
      }
    default:
      return nil
    }
  }

  /// `torch.cat` and `torch.stack` with PyTorch's shape rules.
  func concatenate(_ tensors: [Tensor], dim: Int, stack: Bool, at location: SourceLocation) throws(ArchLangError)
    -> Tensor
  {
    guard let first = tensors.first else {
      throw ArchLangError(.runtime, "\(stack ? "stack" : "cat") expects a non-empty list of Tensors", at: location)
    }
    if stack {
      let axis = try ShapeRules.axis(dim, rank: first.rank + 1, at: location)
      for tensor in tensors where tensor.shape != first.shape {
        throw ArchLangError(
          .runtime, "stack expects each tensor to be equal size, but got \(first.shape) and \(tensor.shape)",
          at: location)
      }
      var shape = first.shape
      shape.insert(tensors.count, at: axis)
      try checkResult(shape, at: location)
      return Tensor.stack(tensors, dim: axis)
    }
    guard first.rank > 0 else {
      throw ArchLangError(.runtime, "zero-dimensional tensor cannot be concatenated", at: location)
    }
    let axis = try ShapeRules.axis(dim, rank: first.rank, at: location)
    var total = 0
    for tensor in tensors {
      guard tensor.rank == first.rank else {
        throw ArchLangError(
          .runtime, "Tensors must have same number of dimensions: got \(first.rank) and \(tensor.rank)", at: location)
      }
      for index in 0..<first.rank where index != axis && tensor.shape[index] != first.shape[index] {
        throw ArchLangError(
          .runtime,
          "Sizes of tensors must match except in dimension \(axis). Expected size \(first.shape[index]) but got size \(tensor.shape[index]) for a tensor in the list (shapes \(first.shape) and \(tensor.shape))",
          at: location)
      }
      total += tensor.shape[axis]
    }
    var shape = first.shape
    shape[axis] = total
    try checkResult(shape, at: location)
    return Tensor.concatenate(tensors, dim: axis)
  }

  /// `F.pad` in constant mode: pairs of (left, right) amounts from the last dimension backwards; negative crops.
  func pad(_ x: Tensor, _ arguments: CallArguments) throws(ArchLangError) -> Tensor {
    let location = arguments.location
    let mode = try arguments.string("mode") ?? "constant"
    guard mode == "constant" else { throw arguments.unsupported("mode='\(mode)' is not supported; only 'constant' is") }
    guard let amounts = try arguments.ints("pad"), amounts.count % 2 == 0, amounts.count / 2 <= x.rank else {
      throw arguments.error("Padding length must be divisible by 2 and at most twice the number of dimensions")
    }
    var fill: Float = 0
    if case .none = arguments.value("value") {} else { fill = try arguments.float("value") }
    var result = x
    for pair in 0..<(amounts.count / 2) {
      let axis = x.rank - 1 - pair
      let (left, right) = (amounts[2 * pair], amounts[2 * pair + 1])
      let size = result.shape[axis]
      let newSize = size + left + right
      guard newSize > 0 else {
        throw arguments.error("the padded size of dimension \(axis) would be \(newSize)")
      }
      var shape = result.shape
      shape[axis] = newSize
      try checkResult(shape, at: location)
      if left < 0 || right < 0 {
        result = result.sliced(dim: axis, start: Swift.max(-left, 0), end: size - Swift.max(-right, 0))
      }
      var pieces: [Tensor] = []
      if left > 0 {
        var edge = result.shape
        edge[axis] = left
        pieces.append(Tensor.full(edge, fill))
      }
      pieces.append(result)
      if right > 0 {
        var edge = result.shape
        edge[axis] = right
        pieces.append(Tensor.full(edge, fill))
      }
      if pieces.count > 1 { result = Tensor.concatenate(pieces, dim: axis) }
    }
    return result
  }
}
