/// The reductions `broadcastSum(_:reducedOver:)` fuses with a broadcast sum.
public enum BroadcastSumReduction: Sendable {
  case sum, mean, max, min
}

extension Tensor {
  /// The shape `shapes` broadcast to together, or nil when they are incompatible.
  public static func broadcastShape(_ shapes: [[Int]]) -> [Int]? {
    guard var result = shapes.first else { return nil }
    for shape in shapes.dropFirst() {
      guard let joined = Broadcasting.shape(result, shape) else { return nil }
      result = joined
    }
    return result
  }

  /// The sum of `terms` broadcast to their common shape (optionally through ReLU), in one pass over the result.
  ///
  /// Graph networks add node, edge and graph terms into `[B, N, N, H]` tensors every step; adding them pairwise
  /// would write that tensor once per term, and backward would sum the gradient down once per term and axis.
  public static func broadcastSum(_ terms: [Tensor], relu: Bool = false) -> Tensor {
    guard let shape = broadcastShape(terms.map(\.shape)) else {
      preconditionFailure("shapes \(terms.map(\.shape)) cannot be broadcast together")
    }
    let result = Tensor.empty(shape)
    let out = result.basePointer
    let sources = terms.map { $0.storage.pointer }
    let strides = terms.map { Broadcasting.strides(of: $0, as: shape) }
    withExtendedLifetime(terms) {
      forEachRun(shape: shape, operandStrides: strides, baseOffsets: terms.map(\.offset)) {
        offsets, inner, count, run in
        let target = out + run * count
        for t in 0..<sources.count {
          Tensor.accumulate(sources[t] + offsets[t], stride: inner[t], into: target, count: count, first: t == 0)
        }
        if relu { for i in 0..<count { target[i] = Swift.max(target[i], 0) } }
      }
    }
    let saved = relu ? result.detached() : nil
    return result.recording(terms) { g in
      var gradient = g
      if let saved { gradient = Tensor.zipValues(g, saved) { $1 > 0 ? $0 : 0 } }
      return terms.map { $0.requiresGrad ? gradient.reducedByBroadcast(to: $0.shape) : nil }
    }
  }

  /// `target[0..<count] (+)= source[0, stride, 2·stride, …]`, specialised for the contiguous and broadcast cases.
  @inline(__always)
  static func accumulate(
    _ source: UnsafeMutablePointer<Float>, stride: Int, into target: UnsafeMutablePointer<Float>, count: Int,
    first: Bool
  ) {
    if first {
      if stride == 1 {
        target.update(from: source, count: count)
      } else if stride == 0 {
        target.update(repeating: source[0], count: count)
      } else {
        for i in 0..<count { target[i] = source[i * stride] }
      }
    } else if stride == 1 {
      for i in 0..<count { target[i] += source[i] }
    } else if stride == 0 {
      let value = source[0]
      for i in 0..<count { target[i] += value }
    } else {
      for i in 0..<count { target[i] += source[i * stride] }
    }
  }

  /// Sums this (broadcast) gradient down to `target`, in one pass: the reverse of broadcasting `target` to `shape`.
  public func reducedByBroadcast(to target: [Int]) -> Tensor {
    if shape == target { return self }
    precondition(Broadcasting.shape(target, shape) == shape, "cannot reduce \(shape) to \(target)")
    let result = Tensor.zeros(target)
    let out = result.storage.pointer
    let source = storage.pointer
    let targetStrides = Broadcasting.strides(of: result, as: shape)
    withExtendedLifetime(self) {
      forEachRun(shape: shape, operandStrides: [targetStrides, strides], baseOffsets: [0, offset]) {
        offsets, inner, count, _ in
        let (to, from, step) = (out + offsets[0], source + offsets[1], inner[1])
        if inner[0] == 0 {
          var total: Float = 0
          for i in 0..<count { total += from[i * step] }
          to[0] += total
        } else if inner[0] == 1 && step == 1 {
          for i in 0..<count { to[i] += from[i] }
        } else {
          for i in 0..<count { to[i * inner[0]] += from[i * step] }
        }
      }
    }
    return result
  }

  /// A reduction over `axis` of the broadcast sum of `terms`, without materialising the sum.
  ///
  /// Max and min visit the axis once per output element and keep where the extreme was, so backward sends each
  /// output's gradient to that one position of every term; terms constant along the axis are added once after the
  /// reduction. Sum and mean reduce each term on its own. `axis` counts in the broadcast shape.
  public static func broadcastSum(
    _ terms: [Tensor], reducedOver axis: Int, _ reduction: BroadcastSumReduction, keepDims: Bool = false
  ) -> Tensor {
    let plan = BroadcastAxisReduction(terms, axis: axis, keepDims: keepDims)
    switch reduction {
    case .sum, .mean:
      let size = plan.shape[plan.axis]
      let scale: Float = reduction == .mean ? 1 / Float(size) : 1
      var pieces: [Tensor] = plan.dependent.map { term in
        let summed = term.sum(dims: [plan.axis - (plan.shape.count - term.rank)], keepDims: true)
        return scale == 1 ? summed : summed * scale
      }
      let constantScale = reduction == .mean ? 1 : Float(size)
      pieces += plan.constant.map { constantScale == 1 ? $0 : $0 * constantScale }
      return broadcastSum(pieces).reshapedToBroadcast(plan.kept).reshaped(plan.finalShape)
    case .max, .min:
      return broadcastSumExtremum(terms, axis: axis, maximum: reduction == .max, keepDims: keepDims).values
    }
  }

  /// The max (or min) over `axis` of the broadcast sum of `terms`, with the index along `axis` where each output
  /// found it (the first, on ties), as `torch.max(x, dim)` returns them.
  public static func broadcastSumExtremum(_ terms: [Tensor], axis: Int, maximum: Bool, keepDims: Bool = false) -> (
    values: Tensor, indices: [Int32]
  ) {
    let plan = BroadcastAxisReduction(terms, axis: axis, keepDims: keepDims)
    if plan.dependent.isEmpty {
      // A size-1 axis: nothing varies along it.
      let values = broadcastSum(plan.constant).reshapedToBroadcast(plan.kept).reshaped(plan.finalShape)
      return (values, [Int32](repeating: 0, count: values.count))
    }
    return extremumOfSum(
      dependent: plan.dependent, constant: plan.constant, shape: plan.shape, axis: plan.axis, kept: plan.kept,
      finalShape: plan.finalShape, maximum: maximum)
  }

  /// This tensor broadcast to `shape` and made contiguous (a copy only when the shapes differ).
  func reshapedToBroadcast(_ shape: [Int]) -> Tensor {
    self.shape == shape ? self : expanded(to: shape).contiguous()
  }
}

/// A broadcast sum of terms about to be reduced over one axis: the shapes involved, and which terms vary along the
/// axis (`dependent`) and which are constant along it.
struct BroadcastAxisReduction {
  /// The broadcast shape, the axis in it (non-negative), that shape with the axis kept as 1, and the result's shape.
  let shape: [Int]
  let axis: Int
  let kept: [Int]
  let finalShape: [Int]
  let dependent: [Tensor]
  let constant: [Tensor]

  init(_ terms: [Tensor], axis: Int, keepDims: Bool) {
    guard let shape = Tensor.broadcastShape(terms.map(\.shape)) else {
      preconditionFailure("shapes \(terms.map(\.shape)) cannot be broadcast together")
    }
    let rank = shape.count
    let a = axis < 0 ? axis + rank : axis
    precondition(a >= 0 && a < rank, "axis \(axis) out of range for rank \(rank)")
    var kept = shape
    kept[a] = 1
    let dependent = terms.filter { term in
      let local = a - (rank - term.rank)
      return local >= 0 && term.shape[local] > 1
    }
    self.shape = shape
    self.axis = a
    self.kept = kept
    finalShape = keepDims ? kept : shape.enumerated().filter { $0.offset != a }.map(\.element)
    self.dependent = dependent
    constant = terms.filter { term in !dependent.contains { $0 === term } }
  }
}
