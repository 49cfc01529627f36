/// The loops of a reduction over one axis of a broadcast shape: the result is walked in blocks of its last two
/// dimensions, and the reduced axis is the loop just outside a block.
///
/// For the triplets of a graph network, `max_i (a[b, i, j, :] + c[b, i, k, :])` over `[B, N, N, N, F]`, a block is
/// `[k, f]` (N·F values) for one `(b, j)`, so each step along `i` does N·F additions with no bookkeeping in between.
private struct ReductionBlocks {
  /// Dimensions of the broadcast shape walked by the odometer (all but the axis and the two block dimensions).
  let outer: [Int]
  /// The block's dimensions (nil: a dimension of size 1 that does not exist).
  let first: Int?
  let second: Int?
  let rows: Int
  let columns: Int

  init(shape: [Int], axis: Int) {
    var dims = (0..<shape.count).filter { $0 != axis }
    second = dims.popLast()
    first = dims.popLast()
    outer = dims
    rows = first.map { shape[$0] } ?? 1
    columns = second.map { shape[$0] } ?? 1
  }

  var blockSize: Int { rows * columns }

  /// Each operand's strides along the block's two dimensions.
  func innerStrides(_ strides: [Int]) -> (Int, Int) {
    (first.map { strides[$0] } ?? 0, second.map { strides[$0] } ?? 0)
  }

  /// Calls `body` for every block in row-major order with each operand's offset at the block's origin.
  func forEach(shape: [Int], strides: [[Int]], offsets start: [Int], _ body: (_ offsets: [Int], _ block: Int) -> Void) {
    let sizes = outer.map { shape[$0] }
    let count = sizes.reduce(1, *)
    var index = [Int](repeating: 0, count: outer.count)
    var offsets = start
    for block in 0..<count {
      body(offsets, block)
      var d = outer.count - 1
      while d >= 0 {
        index[d] += 1
        for o in 0..<offsets.count { offsets[o] += strides[o][outer[d]] }
        if index[d] < sizes[d] { break }
        for o in 0..<offsets.count { offsets[o] -= strides[o][outer[d]] * sizes[d] }
        index[d] = 0
        d -= 1
      }
    }
  }
}

extension Tensor {
  /// The max (or min) over `axis` of the sum of the terms that vary along it, plus the terms that do not.
  static func extremumOfSum(
    dependent varying: [Tensor], constant: [Tensor], shape: [Int], axis a: Int, kept: [Int], finalShape: [Int],
    maximum: Bool
  ) -> (values: Tensor, indices: [Int32]) {
    let dependent = mergingNestedTerms(varying)
    let size = shape[a]
    let blocks = ReductionBlocks(shape: shape, axis: a)
    let blockSize = blocks.blockSize
    let result = Tensor.empty(finalShape)
    let out = result.basePointer
    var winners = [Int32](repeating: 0, count: result.count)
    let sources = dependent.map { $0.storage.pointer }
    let termStrides = dependent.map { Broadcasting.strides(of: $0, as: shape) }
    let axisStrides = termStrides.map { $0[a] }
    let innerStrides = termStrides.map { blocks.innerStrides($0) }
    let base = constant.isEmpty ? nil : broadcastSum(constant).detached().reshapedToBroadcast(kept)
    var scratch = [Float](repeating: 0, count: blockSize)
    withExtendedLifetime((dependent, base)) {
      winners.withUnsafeMutableBufferPointer { winner in
        scratch.withUnsafeMutableBufferPointer { values in
          let v = values.baseAddress!
          blocks.forEach(shape: shape, strides: termStrides, offsets: dependent.map(\.offset)) { offsets, block in
            let target = out + block * blockSize
            let best = winner.baseAddress! + block * blockSize
            target.update(repeating: maximum ? -.infinity : .infinity, count: blockSize)
            best.update(repeating: 0, count: blockSize)
            for r in 0..<size {
              for t in 0..<sources.count {
                let (rowStride, columnStride) = innerStrides[t]
                let origin = sources[t] + offsets[t] + r * axisStrides[t]
                if columnStride == 1 && rowStride == blocks.columns {
                  Tensor.accumulate(origin, stride: 1, into: v, count: blockSize, first: t == 0)
                  continue
                }
                for row in 0..<blocks.rows {
                  Tensor.accumulate(
                    origin + row * rowStride, stride: columnStride, into: v + row * blocks.columns,
                    count: blocks.columns, first: t == 0)
                }
              }
              Tensor.keepExtremes(v, into: target, winners: best, count: blockSize, index: Int32(r), maximum: maximum)
            }
            if let base {
              let b = base.basePointer + block * blockSize
              for i in 0..<blockSize { target[i] += b[i] }
            }
          }
        }
      }
    }
    result.recording(dependent + constant) { g in
      let gradient = g.contiguous().reshaped(kept)
      var grads: [Tensor?] = dependent.map { term in
        guard term.requiresGrad else { return nil }
        return scatterToWinners(gradient, winners: winners, termShape: term.shape, shape: shape, axis: a)
      }
      grads += constant.map { $0.requiresGrad ? gradient.reducedByBroadcast(to: $0.shape) : nil }
      return grads
    }
    return (result, winners)
  }

  /// `target[i] = v[i]` and `winners[i] = index` wherever `v[i]` beats `target[i]` (strictly: the first index wins
  /// ties), eight lanes at a time.
  @inline(__always)
  static func keepExtremes(
    _ v: UnsafeMutablePointer<Float>, into target: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>,
    count: Int, index: Int32, maximum: Bool
  ) {
    var i = 0
    let lanes = SIMD8<Int32>(repeating: index)
    while i + 8 <= count {
      let candidate = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self)
      var current = UnsafeRawPointer(target + i).loadUnaligned(as: SIMD8<Float>.self)
      var best = UnsafeRawPointer(winners + i).loadUnaligned(as: SIMD8<Int32>.self)
      let better = maximum ? candidate .> current : candidate .< current
      current.replace(with: candidate, where: better)
      best.replace(with: lanes, where: better)
      UnsafeMutableRawPointer(target + i).storeBytes(of: current, as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(winners + i).storeBytes(of: best, as: SIMD8<Int32>.self)
      i += 8
    }
    while i < count {
      if maximum ? v[i] > target[i] : v[i] < target[i] {
        target[i] = v[i]
        winners[i] = index
      }
      i += 1
    }
  }

  /// Varying terms with every term whose broadcast shape lies inside another's added into it first (a node term
  /// `[B, N, 1, 1, F]` into an edge term `[B, N, N, 1, F]`): a cheap sum that saves one addition per element of the
  /// full shape.
  private static func mergingNestedTerms(_ terms: [Tensor]) -> [Tensor] {
    var result = terms
    var merged = true
    while merged && result.count > 1 {
      merged = false
      search: for i in result.indices {
        for j in result.indices where i != j {
          guard let joined = broadcastShape([result[i].shape, result[j].shape]),
            joined.reduce(1, *) == result[j].count
          else { continue }
          let sum = broadcastSum([result[i], result[j]])
          result = result.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element) + [sum]
          merged = true
          break search
        }
      }
    }
    return result
  }

  /// The gradient of one varying term of `extremumOfSum`: each output's gradient added at its winning position.
  private static func scatterToWinners(
    _ gradient: Tensor, winners: [Int32], termShape: [Int], shape: [Int], axis a: Int
  ) -> Tensor {
    let result = Tensor.zeros(termShape)
    let target = result.basePointer
    let strides = Broadcasting.strides(of: result, as: shape)
    let axisStride = strides[a]
    let blocks = ReductionBlocks(shape: shape, axis: a)
    let (rowStride, columnStride) = blocks.innerStrides(strides)
    let g = gradient.basePointer
    let blockSize = blocks.blockSize
    withExtendedLifetime(gradient) {
      winners.withUnsafeBufferPointer { winner in
        blocks.forEach(shape: shape, strides: [strides], offsets: [0]) { offsets, block in
          let start = block * blockSize
          for row in 0..<blocks.rows {
            for column in 0..<blocks.columns {
              let i = start + row * blocks.columns + column
              target[offsets[0] + Int(winner[i]) * axisStride + row * rowStride + column * columnStride] += g[i]
            }
          }
        }
      }
    }
    return result
  }
}
