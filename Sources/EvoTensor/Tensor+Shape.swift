extension Tensor {
  /// The same values with a new shape (a view when contiguous); one dimension may be -1.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    var resolved = newShape
    if let unknown = newShape.firstIndex(of: -1) {
      let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
      precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
      resolved[unknown] = count / known
    }
    precondition(resolved.reduce(1, *) == count, "cannot reshape \(shape) (\(count) values) to \(newShape)")
    if resolved == shape { return self }
    let source = contiguous()
    defer { withExtendedLifetime(source) {} }
    let view = Tensor(storage: source.storage, shape: resolved, offset: source.offset)
    return view.recording([source]) { [shape = source.shape] g in [g.reshaped(shape)] }
  }

  /// Flattens dimensions `start...end` into one.
  public func flattened(from start: Int = 0, to end: Int = -1) -> Tensor {
    if rank == 0 { return reshaped([1]) }
    let first = axis(start)
    let last = axis(end)
    if first >= last { return self }
    let merged = shape[first...last].reduce(1, *)
    return reshaped(Array(shape[..<first]) + [merged] + Array(shape[(last + 1)...]))
  }

  /// Reorders the dimensions (a view).
  public func permuted(_ order: [Int]) -> Tensor {
    let axes = order.map { axis($0) }
    precondition(axes.count == rank && Set(axes).count == rank, "permute order \(order) does not fit rank \(rank)")
    let view = Tensor(
      storage: storage, shape: axes.map { shape[$0] }, strides: axes.map { strides[$0] }, offset: offset)
    var inverse = [Int](repeating: 0, count: rank)
    for (i, a) in axes.enumerated() { inverse[a] = i }
    return view.recording([self]) { g in [g.permuted(inverse)] }
  }

  /// Swaps two dimensions (a view).
  public func transposed(_ first: Int, _ second: Int) -> Tensor {
    var order = Array(0..<rank)
    order.swapAt(axis(first), axis(second))
    return permuted(order)
  }

  /// Inserts a dimension of size 1 at `position` (which may be `rank`, or negative as in PyTorch).
  public func unsqueezed(_ position: Int) -> Tensor {
    let at = position < 0 ? position + rank + 1 : position
    precondition(at >= 0 && at <= rank, "unsqueeze position \(position) out of range for rank \(rank)")
    var newShape = shape
    newShape.insert(1, at: at)
    var newStrides = strides
    newStrides.insert(at < rank ? strides[at] * shape[at] : 1, at: at)
    let view = Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset)
    return view.recording([self]) { [shape] g in [g.reshaped(shape)] }
  }

  /// Removes size-1 dimensions: `dim` alone, or all of them.
  public func squeezed(_ dim: Int? = nil) -> Tensor {
    var keep = Array(0..<rank)
    if let dim {
      let a = axis(dim)
      if shape[a] != 1 { return self }
      keep.remove(at: a)
    } else {
      keep = keep.filter { shape[$0] != 1 }
    }
    if keep.count == rank { return self }
    let view = Tensor(
      storage: storage, shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: offset)
    return view.recording([self]) { [shape] g in [g.reshaped(shape)] }
  }

  /// Elements `start..<end` (step `step`) along `dim` (a view); bounds are clamped as Python slices are.
  public func sliced(dim: Int, start: Int, end: Int, step: Int = 1) -> Tensor {
    precondition(step > 0, "slice step must be positive")
    let a = axis(dim)
    let size = shape[a]
    let lower = Swift.min(Swift.max(start < 0 ? start + size : start, 0), size)
    let upper = Swift.min(Swift.max(end < 0 ? end + size : end, lower), size)
    let length = (upper - lower + step - 1) / step
    var newShape = shape
    newShape[a] = length
    var newStrides = strides
    newStrides[a] = strides[a] * step
    let view = Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset + lower * strides[a])
    return view.recording([self]) { [shape] g in
      let full = Tensor.zeros(shape)
      full.sliceView(dim: a, start: lower, length: length, step: step).assign(g)
      return [full]
    }
  }

  /// Element `index` along `dim`, dropping that dimension (a view).
  public func selected(dim: Int, index: Int) -> Tensor {
    let a = axis(dim)
    let i = index < 0 ? index + shape[a] : index
    precondition(i >= 0 && i < shape[a], "index \(index) out of range for dimension of size \(shape[a])")
    return sliced(dim: a, start: i, end: i + 1).squeezed(a)
  }

  /// A strided view for writing into, without recording.
  func sliceView(dim: Int, start: Int, length: Int, step: Int = 1) -> Tensor {
    var newShape = shape
    newShape[dim] = length
    var newStrides = strides
    newStrides[dim] *= step
    return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset + start * strides[dim])
  }

  /// Writes `source` (broadcast to this view's shape) into the elements this view covers; not recorded.
  public func assign(_ source: Tensor) {
    let from = source.storage.pointer
    let to = storage.pointer
    let sourceStrides = Broadcasting.strides(of: source, as: shape)
    forEachRun(shape: shape, operandStrides: [strides, sourceStrides], baseOffsets: [offset, source.offset]) {
      offsets, inner, count, _ in
      let (o, i, so, si) = (offsets[0], offsets[1], inner[0], inner[1])
      for k in 0..<count { to[o + k * so] = from[i + k * si] }
    }
  }

  /// Joins tensors along `dim`; all other dimensions must agree.
  public static func concatenate(_ tensors: [Tensor], dim: Int) -> Tensor {
    precondition(!tensors.isEmpty, "cat needs at least one tensor")
    let first = tensors[0]
    let a = first.axis(dim)
    var outShape = first.shape
    outShape[a] = 0
    for t in tensors {
      precondition(t.rank == first.rank, "cat: ranks differ (\(first.shape) vs \(t.shape))")
      for i in 0..<t.rank where i != a {
        precondition(t.shape[i] == first.shape[i], "cat: shapes \(first.shape) and \(t.shape) differ off dim \(dim)")
      }
      outShape[a] += t.shape[a]
    }
    let result = Tensor.empty(outShape)
    var position = 0
    var ranges: [(Int, Int)] = []
    for t in tensors {
      result.sliceView(dim: a, start: position, length: t.shape[a]).assign(t)
      ranges.append((position, t.shape[a]))
      position += t.shape[a]
    }
    return result.recording(tensors) { g in
      ranges.map { start, length in g.sliced(dim: a, start: start, end: start + length).contiguous() }
    }
  }

  /// Stacks equally shaped tensors along a new dimension.
  public static func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "stack needs at least one tensor")
    let at = dim < 0 ? dim + tensors[0].rank + 1 : dim
    return concatenate(tensors.map { $0.unsqueezed(at) }, dim: at)
  }

  /// Splits into pieces of `size` along `dim` (the last may be smaller), as views.
  public func split(size: Int, dim: Int = 0) -> [Tensor] {
    precondition(size > 0, "split size must be positive")
    let a = axis(dim)
    return stride(from: 0, to: shape[a], by: size).map { sliced(dim: a, start: $0, end: $0 + size) }
  }

  /// Splits into pieces of the given sizes along `dim`, as views.
  public func split(sizes: [Int], dim: Int = 0) -> [Tensor] {
    let a = axis(dim)
    precondition(sizes.reduce(0, +) == shape[a], "split sizes \(sizes) do not add up to \(shape[a])")
    var start = 0
    return sizes.map { size in
      defer { start += size }
      return sliced(dim: a, start: start, end: start + size)
    }
  }

  /// Splits into `chunks` nearly equal pieces along `dim`, as PyTorch's `chunk` does.
  public func chunked(_ chunks: Int, dim: Int = 0) -> [Tensor] {
    let a = axis(dim)
    let size = (shape[a] + chunks - 1) / Swift.max(chunks, 1)
    return split(size: Swift.max(size, 1), dim: a)
  }

  /// Rows `indices` along `dim` (a copy).
  public func indexSelect(dim: Int, indices: [Int]) -> Tensor {
    let a = axis(dim)
    let pieces = indices.map { i -> Tensor in
      let index = i < 0 ? i + shape[a] : i
      precondition(index >= 0 && index < shape[a], "index \(i) out of range for size \(shape[a])")
      return sliced(dim: a, start: index, end: index + 1)
    }
    return Tensor.concatenate(pieces, dim: a)
  }

  /// Broadcasts to `target` (a view with zero strides).
  public func expanded(to target: [Int]) -> Tensor {
    precondition(Broadcasting.shape(shape, target) == target, "cannot expand \(shape) to \(target)")
    let view = Tensor(
      storage: storage, shape: target, strides: Broadcasting.strides(of: self, as: target), offset: offset)
    return view.recording([self]) { [shape] g in [g.summed(toShape: shape)] }
  }
}
