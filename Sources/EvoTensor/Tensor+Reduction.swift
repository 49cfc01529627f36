extension Tensor {
  /// Views a contiguous tensor as `[outer, size, inner]` around `axis`.
  func reductionLayout(_ axis: Int) -> (outer: Int, size: Int, inner: Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
  }

  /// Sums over one axis, keeping it with size 1; not recorded.
  private func sumKeeping(axis a: Int) -> Tensor {
    let source = contiguous()
    defer { withExtendedLifetime(source) {} }
    let (outer, size, inner) = source.reductionLayout(a)
    var outShape = shape
    outShape[a] = 1
    let result = Tensor.zeros(outShape)
    let input = source.basePointer
    let output = result.basePointer
    for o in 0..<outer {
      let target = output + o * inner
      for s in 0..<size {
        let row = input + (o * size + s) * inner
        for i in 0..<inner { target[i] += row[i] }
      }
    }
    return result
  }

  /// Sums over `dims` (all when empty).
  public func sum(dims: [Int] = [], keepDims: Bool = false) -> Tensor {
    let axes = dims.isEmpty ? Array(0..<rank) : Array(Set(dims.map { axis($0) })).sorted()
    var reduced = detached()
    for a in axes { reduced = reduced.sumKeeping(axis: a) }
    if axes.isEmpty { reduced = reduced.mapValues { $0 } }
    let keptShape = reduced.shape
    let finalShape = keepDims ? keptShape : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    let result = Tensor(storage: reduced.storage, shape: finalShape)
    return result.recording([self]) { [shape] g in [g.reshaped(keptShape).expanded(to: shape).contiguous()] }
  }

  /// The mean over `dims` (all when empty).
  public func mean(dims: [Int] = [], keepDims: Bool = false) -> Tensor {
    let axes = dims.isEmpty ? Array(0..<rank) : dims.map { axis($0) }
    let n = Set(axes).map { shape[$0] }.reduce(1, *)
    return sum(dims: dims, keepDims: keepDims) / Float(n)
  }

  /// The maximum along `dim` with the index where it occurs (the first, as PyTorch's CPU kernel).
  public func max(dim: Int, keepDims: Bool = false) -> (values: Tensor, indices: [Int]) {
    extremum(dim: dim, keepDims: keepDims, greater: true)
  }

  /// The minimum along `dim` with the index where it occurs.
  public func min(dim: Int, keepDims: Bool = false) -> (values: Tensor, indices: [Int]) {
    extremum(dim: dim, keepDims: keepDims, greater: false)
  }

  private func extremum(dim: Int, keepDims: Bool, greater: Bool) -> (values: Tensor, indices: [Int]) {
    let a = axis(dim)
    let source = contiguous()
    defer { withExtendedLifetime(source) {} }
    let (outer, size, inner) = source.reductionLayout(a)
    var keptShape = shape
    keptShape[a] = 1
    let result = Tensor.empty(keptShape)
    var indices = [Int](repeating: 0, count: outer * inner)
    let input = source.basePointer
    let output = result.basePointer
    for o in 0..<outer {
      for i in 0..<inner {
        var best = input[o * size * inner + i]
        var bestIndex = 0
        for s in 1..<Swift.max(size, 1) {
          let v = input[(o * size + s) * inner + i]
          if greater ? (v > best || v.isNaN) : (v < best || v.isNaN) {
            if best.isNaN { break }
            best = v
            bestIndex = s
          }
        }
        output[o * inner + i] = best
        indices[o * inner + i] = bestIndex
      }
    }
    let finalShape = keepDims ? keptShape : shape.enumerated().filter { $0.offset != a }.map(\.element)
    let values = Tensor(storage: result.storage, shape: finalShape)
    values.recording([self]) { [shape] g in
      let full = Tensor.zeros(shape)
      let gradientTensor = g.contiguous()
      defer { withExtendedLifetime(gradientTensor) {} }
      let gradient = gradientTensor.basePointer
      let target = full.basePointer
      for o in 0..<outer {
        for i in 0..<inner { target[(o * size + indices[o * inner + i]) * inner + i] = gradient[o * inner + i] }
      }
      return [full]
    }
    return (values, indices)
  }

  /// The maximum over `dims` (all when empty); the gradient is shared evenly between tied maxima, as PyTorch's.
  public func amax(dims: [Int] = [], keepDims: Bool = false) -> Tensor {
    extremumOverDims(dims: dims, keepDims: keepDims, greater: true)
  }

  /// The minimum over `dims` (all when empty).
  public func amin(dims: [Int] = [], keepDims: Bool = false) -> Tensor {
    extremumOverDims(dims: dims, keepDims: keepDims, greater: false)
  }

  private func extremumOverDims(dims: [Int], keepDims: Bool, greater: Bool) -> Tensor {
    let axes = dims.isEmpty ? Array(0..<rank) : Array(Set(dims.map { axis($0) })).sorted()
    var reduced = self.detached()
    for a in axes {
      reduced = (greater ? reduced.max(dim: a, keepDims: true) : reduced.min(dim: a, keepDims: true)).values
    }
    let kept = reduced.detached()
    let finalShape = keepDims ? kept.shape : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    let result = Tensor(storage: kept.storage, shape: finalShape)
    return result.recording([self]) { [shape] g in
      let mask = Tensor.zipValues(self.detached(), kept) { $0 == $1 ? 1 : 0 }
      let ties = Tensor.withoutGrad { mask.sum(dims: axes, keepDims: true) }
      return [(mask * g.reshaped(kept.shape) / ties).expanded(to: shape).contiguous()]
    }
  }
}
