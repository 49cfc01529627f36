import EvoTensor

extension EngineBackend {
  /// Dimensions given either as separate ints (`x.view(4, -1)`) or as one tuple/list/`torch.Size` (`x.view(shape)`).
  func intList(_ values: [Value], what: String, at location: SourceLocation) throws(ArchLangError) -> [Int] {
    var items = values
    if values.count == 1 {
      switch values[0] {
      case .tuple, .list: items = try interpreter.elements(of: values[0], at: location)
      default: break
      }
    }
    var result: [Int] = []
    for item in items {
      guard case .integer(let number)? = interpreter.number(item) else {
        throw ArchLangError(.runtime, "\(what) must be ints, got \(item.typeName)", at: location)
      }
      result.append(number)
    }
    return result
  }

  /// Validated reduction dimensions: nil reduces everything.
  func reductionAxes(_ arguments: CallArguments, _ name: String, rank: Int) throws(ArchLangError) -> [Int]? {
    guard let dims = try arguments.ints(name) else { return nil }
    var axes: [Int] = []
    for dim in dims {
      let axis = try ShapeRules.axis(dim, rank: rank, at: arguments.location)
      if axes.contains(axis) {
        throw ArchLangError(.runtime, "dim \(axis) appears multiple times in the list of dims", at: arguments.location)
      }
      axes.append(axis)
    }
    return axes
  }

  func reshape(_ x: Tensor, _ dims: [Int], requireContiguous: Bool, at location: SourceLocation) throws(ArchLangError)
    -> Tensor
  {
    if requireContiguous && !x.isContiguous {
      throw ArchLangError(
        .runtime,
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
        at: location)
    }
    return x.reshaped(try ShapeRules.resolve(dims, count: x.count, from: x.shape, at: location))
  }

  func permute(_ x: Tensor, _ dims: [Int], at location: SourceLocation) throws(ArchLangError) -> Tensor {
    guard dims.count == x.rank else {
      throw ArchLangError(
        .runtime,
        "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(x.rank) is not equal to len(dims) = \(dims.count)",
        at: location)
    }
    var axes: [Int] = []
    for dim in dims { axes.append(try ShapeRules.axis(dim, rank: x.rank, at: location)) }
    guard Set(axes).count == axes.count else {
      throw ArchLangError(.runtime, "permute(): duplicate dims are not allowed", at: location)
    }
    return x.permuted(axes)
  }

  func transpose(_ x: Tensor, _ first: Int, _ second: Int, at location: SourceLocation) throws(ArchLangError) -> Tensor
  {
    if x.rank == 0 { return x }
    return x.transposed(
      try ShapeRules.axis(first, rank: x.rank, at: location), try ShapeRules.axis(second, rank: x.rank, at: location))
  }

  func reduce(_ x: Tensor, axes: [Int]?, keepDims: Bool, kind: String, at location: SourceLocation)
    throws(ArchLangError) -> Tensor
  {
    let dims = axes ?? []
    try interpreter.compute(Self.elementCost, x.count, at: location)
    switch kind {
    case "sum": return x.sum(dims: dims, keepDims: keepDims)
    case "mean": return x.mean(dims: dims, keepDims: keepDims)
    case "amax": return x.amax(dims: dims, keepDims: keepDims)
    default: return x.amin(dims: dims, keepDims: keepDims)
    }
  }

  /// `sum`, `mean`, `amax` or `amin` of a value over `axes`: fused on the terms of a pending broadcast sum when the
  /// reduction is over one axis (the sum itself is never stored), on the tensor otherwise.
  func reduce(_ value: TensorValue, axes: [Int]?, keepDims: Bool, kind: String, at location: SourceLocation)
    throws(ArchLangError) -> Tensor
  {
    if value.isPending, let axes, axes.count == 1, let terms = value.pendingTerms {
      try interpreter.compute(Self.elementCost, value.shape.reduce(1, *), at: location)
      let reduction: BroadcastSumReduction =
        switch kind {
        case "sum": .sum
        case "mean": .mean
        case "amax": .max
        default: .min
        }
      return Tensor.broadcastSum(terms, reducedOver: axes[0], reduction, keepDims: keepDims)
    }
    return try reduce(value.tensor, axes: axes, keepDims: keepDims, kind: kind, at: location)
  }

  /// `x.max(dim)` / `x.min(dim)` / `torch.max(x, dim)`: PyTorch's `(values, indices)` pair; without `dim`, the
  /// overall extreme. Fused on a pending broadcast sum.
  func extremum(_ value: TensorValue, _ arguments: CallArguments, maximum: Bool) throws(ArchLangError) -> Value {
    let location = arguments.location
    try interpreter.compute(Self.elementCost, value.shape.reduce(1, *), at: location)
    guard let dim = try arguments.optionalInt("dim") else {
      let x = value.tensor
      return try produced(maximum ? x.amax() : x.amin(), at: location)
    }
    let axis = try ShapeRules.axis(dim, rank: value.shape.count, at: location)
    let keepDims = try arguments.bool("keepdim")
    let values: Tensor
    let indices: [Float]
    if value.isPending, let terms = value.pendingTerms {
      let result = Tensor.broadcastSumExtremum(terms, axis: axis, maximum: maximum, keepDims: keepDims)
      (values, indices) = (result.values, result.indices.map(Float.init))
    } else {
      let x = value.tensor
      let result = maximum ? x.max(dim: axis, keepDims: keepDims) : x.min(dim: axis, keepDims: keepDims)
      (values, indices) = (result.values, result.indices.map(Float.init))
    }
    return .tuple([try produced(values, at: location), EngineBackend.wrap(Tensor(indices, shape: values.shape))])
  }

  /// `x.expand(*sizes)`: a broadcast view; -1 keeps a dimension, new leading dimensions may be added.
  func expand(_ x: Tensor, _ sizes: [Int], at location: SourceLocation) throws(ArchLangError) -> Tensor {
    guard sizes.count >= x.rank else {
      throw ArchLangError(
        .runtime,
        "expand: the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(x.rank))",
        at: location)
    }
    let pad = sizes.count - x.rank
    var target: [Int] = []
    for (index, size) in sizes.enumerated() {
      let current = index < pad ? nil : x.shape[index - pad]
      if size == -1 {
        guard let current else {
          throw ArchLangError(.runtime, "expand: -1 is not allowed in a leading, non-existing dimension", at: location)
        }
        target.append(current)
      } else {
        guard size >= 1, current == nil || current == size || current == 1 else {
          throw ArchLangError(
            .runtime,
            "The expanded size of the tensor (\(size)) must match the existing size (\(current ?? 0)) at non-singleton dimension \(index).  Target sizes: \(sizes).  Tensor sizes: \(x.shape)",
            at: location)
        }
        target.append(size)
      }
    }
    try checkResult(target, at: location)
    return x.expanded(to: target)
  }

  /// `clamp(min=…, max=…)`: at least one bound.
  func clamp(_ x: Tensor, _ arguments: CallArguments) throws(ArchLangError) -> Tensor {
    func bound(_ name: String) throws(ArchLangError) -> Float? {
      if case .none = arguments.value(name) { return nil }
      return try arguments.float(name)
    }
    let (low, high) = (try bound("min"), try bound("max"))
    guard low != nil || high != nil else {
      throw arguments.error("at least one of 'min' or 'max' must not be None")
    }
    return x.clamped(min: low ?? -.infinity, max: high ?? .infinity)
  }

  func chunk(_ x: Tensor, chunks: Int, dim: Int, at location: SourceLocation) throws(ArchLangError) -> Value {
    guard chunks >= 1 else {
      throw ArchLangError(.runtime, "chunk expects `chunks` to be greater than 0, got: \(chunks)", at: location)
    }
    guard x.rank >= 1 else {
      throw ArchLangError(.runtime, "chunk expects at least a 1-dimensional tensor", at: location)
    }
    let axis = try ShapeRules.axis(dim, rank: x.rank, at: location)
    let size = x.shape[axis]
    let step = (size + chunks - 1) / chunks
    var pieces: [Value] = []
    var start = 0
    while start < size {
      pieces.append(EngineBackend.wrap(x.sliced(dim: axis, start: start, end: Swift.min(start + step, size))))
      start += step
    }
    return .tuple(pieces)
  }

  func split(_ x: Tensor, sizes value: Value, dim: Int, at location: SourceLocation) throws(ArchLangError) -> Value {
    guard x.rank >= 1 else {
      throw ArchLangError(.runtime, "split expects at least a 1-dimensional tensor", at: location)
    }
    let axis = try ShapeRules.axis(dim, rank: x.rank, at: location)
    let total = x.shape[axis]
    var sizes: [Int] = []
    if case .integer(let size)? = interpreter.number(value) {
      guard size >= 1 else {
        throw ArchLangError(.runtime, "split_size can only be a positive integer, got \(size)", at: location)
      }
      var remaining = total
      while remaining > 0 {
        sizes.append(Swift.min(size, remaining))
        remaining -= size
      }
    } else {
      sizes = try intList([value], what: "split sizes", at: location)
      guard sizes.allSatisfy({ $0 >= 1 }), sizes.reduce(0, +) == total else {
        throw ArchLangError(
          .runtime,
          "split_with_sizes expects split_sizes to sum exactly to \(total) (input tensor's size at dimension \(axis)), but got split_sizes=\(sizes)",
          at: location)
      }
    }
    var pieces: [Value] = []
    var start = 0
    for size in sizes {
      pieces.append(EngineBackend.wrap(x.sliced(dim: axis, start: start, end: start + size)))
      start += size
    }
    return .tuple(pieces)
  }

  func matmul(_ a: Tensor, _ b: Tensor, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    let shape = try ShapeRules.matmul(a.shape, b.shape, at: location)
    try checkResult(shape, at: location)
    try interpreter.compute(2, shape.reduce(1, *), a.shape.last ?? 1, at: location)
    return a.matmul(b)
  }

  /// A tensor method call (`x.view(-1, 40)`, `x.mean(dim=1)`), with its arguments bound by the catalog signature.
  func tensorMethod(_ name: String, on value: TensorValue, _ arguments: CallArguments) throws(ArchLangError) -> Value {
    let location = arguments.location
    func wrap(_ tensor: Tensor) throws(ArchLangError) -> Value { try produced(tensor, at: location) }
    switch name {
    case "mean", "sum", "amax", "amin":
      let axes = try reductionAxes(arguments, "dim", rank: value.shape.count)
      return try wrap(try reduce(value, axes: axes, keepDims: try arguments.bool("keepdim"), kind: name, at: location))
    case "max": return try extremum(value, arguments, maximum: true)
    case "min": return try extremum(value, arguments, maximum: false)
    case "size":
      guard let dim = try arguments.optionalInt("dim") else { return .tuple(value.shape.map { .int($0) }) }
      return .int(value.shape[try ShapeRules.axis(dim, rank: value.shape.count, at: location)])
    case "dim": return .int(value.shape.count)
    case "numel": return .int(value.shape.reduce(1, *))
    default: break
    }
    let x = value.tensor
    switch name {
    case "view", "reshape":
      let dims = try intList(arguments.extraPositional, what: "shape dimensions", at: location)
      return try wrap(try reshape(x, dims, requireContiguous: name == "view", at: location))
    case "flatten":
      return try wrap(
        try flatten(x, start: try arguments.int("start_dim"), end: try arguments.int("end_dim"), at: location))
    case "permute":
      return try wrap(
        try permute(x, try intList(arguments.extraPositional, what: "permute dims", at: location), at: location))
    case "transpose":
      return try wrap(try transpose(x, try arguments.int("dim0"), try arguments.int("dim1"), at: location))
    case "unsqueeze":
      let dim = try arguments.int("dim")
      return try wrap(x.unsqueezed(try ShapeRules.axis(dim, rank: x.rank + 1, at: location)))
    case "squeeze":
      guard let dim = try arguments.optionalInt("dim") else { return try wrap(x.squeezed()) }
      if x.rank == 0 { return try wrap(x) }
      return try wrap(x.squeezed(try ShapeRules.axis(dim, rank: x.rank, at: location)))
    case "contiguous": return try wrap(x.contiguous())
    case "relu": return try wrap(x.relu())
    case "clamp", "clip": return try wrap(try clamp(x, arguments))
    case "expand":
      return try wrap(
        try expand(x, try intList(arguments.extraPositional, what: "expand sizes", at: location), at: location))
    case "exp": return try wrap(x.exp())
    case "abs": return try wrap(x.abs())
    case "sigmoid": return try wrap(x.sigmoid())
    case "tanh": return try wrap(x.tanh())
    case "softmax", "log_softmax":
      return try wrap(try softmax(x, dim: try arguments.int("dim"), logarithmic: name == "log_softmax", at: location))
    case "chunk": return try chunk(x, chunks: try arguments.int("chunks"), dim: try arguments.int("dim"), at: location)
    case "split":
      return try split(x, sizes: arguments.value("split_size_or_sections"), dim: try arguments.int("dim"), at: location)
    case "matmul": return try wrap(try matmul(x, try arguments.tensor("other"), at: location))
    case "to", "float": return try wrap(x)
    case "detach": return try wrap(x.detached())
    default:
      throw ArchLangError(.unsupported, "`Tensor.\(name)` is not supported", at: location)
    }
  }
}
