import EvoTensor

extension EngineBackend {
  private func scalar(_ value: Value) -> Float? {
    interpreter.number(value).map { Float($0.asDouble) }
  }

  public func binary(
    _ op: BinaryOperator, _ left: Value, _ right: Value, interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value? {
    let leftValue = EngineBackend.tensorValue(of: left)
    let rightValue = EngineBackend.tensorValue(of: right)
    if let leftValue, let rightValue {
      if op == .matrixMultiply {
        return try produced(try matmul(leftValue.tensor, rightValue.tensor, at: location), at: location)
      }
      let shape = try ShapeRules.broadcast(leftValue.shape, rightValue.shape, at: location)
      try checkResult(shape, at: location)
      if op == .add || op == .subtract,
        let terms = pendingTerms(leftValue, rightValue, subtract: op == .subtract, shape: shape)
      {
        try interpreter.charge(shape.reduce(1, *), at: location)
        return .native(TensorValue(pendingSum: terms, shape: shape))
      }
      let (a, b) = (leftValue.tensor, rightValue.tensor)
      switch op {
      case .add: return try produced(a + b, at: location)
      case .subtract: return try produced(a - b, at: location)
      case .multiply: return try produced(a * b, at: location)
      case .divide: return try produced(a / b, at: location)
      default: return nil
      }
    }
    let a = leftValue?.tensor
    let b = rightValue?.tensor
    if let a, let number = scalar(right) {
      switch op {
      case .add: return try produced(a + number, at: location)
      case .subtract: return try produced(a - number, at: location)
      case .multiply: return try produced(a * number, at: location)
      case .divide: return try produced(a / number, at: location)
      case .power: return try produced(a.pow(number), at: location)
      default: return nil
      }
    }
    if let b, let number = scalar(left) {
      switch op {
      case .add: return try produced(number + b, at: location)
      case .subtract: return try produced(number - b, at: location)
      case .multiply: return try produced(number * b, at: location)
      case .divide: return try produced(number / b, at: location)
      default: return nil
      }
    }
    return nil
  }

  /// The terms of `left ± right` kept apart as a pending sum, or nil to add now: a sum stays pending when it
  /// broadcasts small operands into a larger tensor of rank 4 or more (graph networks' `[B, N, N, N, F]` triplets),
  /// or extends a pending sum, so a reduction over one axis can run fused on the terms.
  private func pendingTerms(_ left: TensorValue, _ right: TensorValue, subtract: Bool, shape: [Int]) -> [Tensor]? {
    func terms(_ value: TensorValue) -> [Tensor] { value.isPending ? value.pendingTerms! : [value.tensor] }
    let count = shape.reduce(1, *)
    let expands = shape.count >= 4 && count > 2 * Swift.max(left.shape.reduce(1, *), right.shape.reduce(1, *))
    guard left.isPending || right.isPending || expands else { return nil }
    let rightTerms = terms(right)
    return terms(left) + (subtract ? rightTerms.map { -$0 } : rightTerms)
  }

  public func unary(_ op: UnaryOperator, _ operand: Value, interpreter: Interpreter, at location: SourceLocation)
    throws(ArchLangError) -> Value?
  {
    guard let x = EngineBackend.tensor(of: operand) else { return nil }
    switch op {
    case .negate: return try produced(-x, at: location)
    case .plus: return operand
    default: return nil
    }
  }

  public func subscriptValue(_ value: Value, _ index: Value, interpreter: Interpreter, at location: SourceLocation)
    throws(ArchLangError) -> Value?
  {
    guard case .native(let object) = value else { return nil }
    if let container = object as? ContainerValue { return try container.item(index, at: location) }
    guard let tensor = (object as? TensorValue)?.tensor else { return nil }
    return try produced(try indexTensor(tensor, index, at: location), at: location)
  }

  /// Basic indexing: ints, slices with positive steps, `None` and `...`, as in `out[:, -1, :]` or `x[:, None, :]`.
  func indexTensor(_ x: Tensor, _ index: Value, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    var items: [Value]
    if case .tuple(let tuple) = index { items = tuple.elements } else { items = [index] }
    let consuming = items.filter { item in
      switch item {
      case .none, .ellipsis: return false
      default: return true
      }
    }.count
    guard consuming <= x.rank else {
      throw ArchLangError(.runtime, "too many indices for tensor of dimension \(x.rank)", at: location)
    }
    if let ellipsis = items.firstIndex(where: { if case .ellipsis = $0 { return true } else { return false } }) {
      guard items.filter({ if case .ellipsis = $0 { return true } else { return false } }).count == 1 else {
        throw ArchLangError(.runtime, "an index can only have a single ellipsis ('...')", at: location)
      }
      items.replaceSubrange(
        ellipsis...ellipsis, with: [Value](repeating: .slice(.none, .none, .none), count: x.rank - consuming))
    }
    var result = x
    var dim = 0
    for item in items {
      switch item {
      case .none:
        result = result.unsqueezed(dim)
        dim += 1
      case .slice(let lower, let upper, let stepValue):
        let size = result.shape[dim]
        var step = 1
        if case .none = stepValue {
        } else {
          step = try interpreter.integerIndex(stepValue, at: location, what: "slice indices")
        }
        guard step > 0 else { throw ArchLangError(.runtime, "step must be greater than zero", at: location) }
        let positions = try interpreter.sliceIndices(size, lower, upper, .int(step), at: location)
        guard let first = positions.first, let last = positions.last else {
          throw ArchLangError(
            .unsupported, "this slice selects no elements (dimension \(dim) has size \(size))", at: location)
        }
        result = result.sliced(dim: dim, start: first, end: last + 1, step: step)
        dim += 1
      default:
        if case .native(let object) = item, object is TensorValue {
          throw ArchLangError(
            .unsupported, "indexing a tensor with a tensor is not supported; use slices and ints", at: location)
        }
        guard case .integer(var position)? = interpreter.number(item) else {
          throw ArchLangError(
            .runtime, "only integers, slices, None and ... are valid tensor indices, got \(item.typeName)", at: location
          )
        }
        let size = result.shape[dim]
        if position < 0 { position += size }
        guard position >= 0 && position < size else {
          throw ArchLangError(
            .runtime, "index \(position) is out of bounds for dimension \(dim) with size \(size)", at: location)
        }
        result = result.selected(dim: dim, index: position)
      }
    }
    return result
  }
}
