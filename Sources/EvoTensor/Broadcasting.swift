/// Shape arithmetic for NumPy/PyTorch broadcasting.
public enum Broadcasting {
  /// The shape two operands broadcast to, or nil when they are incompatible.
  public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      if da == db || db == 1 {
        result[i] = da
      } else if da == 1 {
        result[i] = db
      } else {
        return nil
      }
    }
    return result
  }

  /// Strides that read `tensor` as if it had `shape` (zero along broadcast dimensions).
  static func strides(of tensor: Tensor, as shape: [Int]) -> [Int] {
    let pad = shape.count - tensor.rank
    var result = [Int](repeating: 0, count: shape.count)
    for i in 0..<tensor.rank where tensor.shape[i] != 1 {
      result[i + pad] = tensor.strides[i]
    }
    return result
  }
}

/// Walks every element of `shape` in row-major order, tracking the element offsets of several strided operands.
///
/// The innermost dimension is handed to `body` as a run (`count` elements, each operand advancing by its last
/// stride) so kernels keep a tight inner loop.
@inline(__always)
func forEachRun(
  shape: [Int], operandStrides: [[Int]], baseOffsets: [Int],
  _ body: (_ offsets: UnsafePointer<Int>, _ innerStrides: UnsafePointer<Int>, _ count: Int, _ runIndex: Int) -> Void
) {
  let rank = shape.count
  let operands = operandStrides.count
  if rank == 0 {
    baseOffsets.withUnsafeBufferPointer { offsets in
      [Int](repeating: 0, count: operands).withUnsafeBufferPointer { body(offsets.baseAddress!, $0.baseAddress!, 1, 0) }
    }
    return
  }
  let inner = shape[rank - 1]
  var innerStrides = [Int](repeating: 0, count: operands)
  for o in 0..<operands { innerStrides[o] = operandStrides[o][rank - 1] }
  let outerCount = shape.dropLast().reduce(1, *)
  var index = [Int](repeating: 0, count: max(rank - 1, 0))
  var offsets = baseOffsets
  innerStrides.withUnsafeBufferPointer { innerStridesPointer in
    for run in 0..<outerCount {
      offsets.withUnsafeBufferPointer { body($0.baseAddress!, innerStridesPointer.baseAddress!, inner, run) }
      // Advance the odometer over the outer dimensions.
      var axis = rank - 2
      while axis >= 0 {
        index[axis] += 1
        for o in 0..<operands { offsets[o] += operandStrides[o][axis] }
        if index[axis] < shape[axis] { break }
        for o in 0..<operands { offsets[o] -= operandStrides[o][axis] * shape[axis] }
        index[axis] = 0
        axis -= 1
      }
    }
  }
}
