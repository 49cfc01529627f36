extension Tensor {
  /// `relu(cat(inputs, dim: -1) W^T + b + Σ addends)` without building the concatenation or the intermediate sums:
  /// one GEMM per input accumulating into one result that starts as the (broadcast) addends plus the bias.
  ///
  /// The inputs share their leading dimensions; `weight` is `[out, Σ in_k]`, its columns in the inputs' order;
  /// `addends` broadcast to the result's shape; `relu` applies a ReLU in place. A graph network's messages
  /// `relu(m_e(e_ij) + m_1(z_j) + m_2(z_i) + m_g(g))` over B·N² rows are one call that keeps one `[B, N, N, H]`
  /// tensor, where separate ops would keep four.
  public static func linear(
    concatenating inputs: [Tensor], weight: Tensor, bias: Tensor?, adding addends: [Tensor] = [], relu: Bool = false
  ) -> Tensor {
    precondition(!inputs.isEmpty, "linear of no inputs")
    let leading = Array(inputs[0].shape.dropLast())
    let widths = inputs.map { $0.shape.last ?? 1 }
    let totalWidth = widths.reduce(0, +)
    precondition(
      weight.rank == 2 && weight.shape[1] == totalWidth,
      "linear: inputs have \(totalWidth) features together, weight is \(weight.shape)")
    for input in inputs {
      precondition(Array(input.shape.dropLast()) == leading, "linear: inputs \(inputs.map(\.shape)) differ")
    }
    let outFeatures = weight.shape[0]
    let rows = leading.reduce(1, *)
    let xs = inputs.map { $0.contiguous() }
    let w = weight.contiguous()
    let resultShape = leading + [outFeatures]
    let result = Tensor.empty(resultShape)
    let out = result.basePointer
    let starts = addends + (bias.map { [$0] } ?? [])
    if !starts.isEmpty { fill(result, withSumOf: starts) }
    var column = 0
    for (k, x) in xs.enumerated() {
      ParallelGEMM.gemm(
        transposeA: false, transposeB: true, m: rows, n: outFeatures, k: widths[k], a: x.basePointer, lda: widths[k],
        b: w.basePointer + column, ldb: totalWidth, beta: (starts.isEmpty && k == 0) ? 0 : 1, c: out,
        ldc: outFeatures)
      column += widths[k]
    }
    if relu { for i in 0..<result.count { out[i] = Swift.max(out[i], 0) } }
    let saved = relu ? result.detached() : nil
    let parameters = bias.map { [weight, $0] } ?? [weight]
    return result.recording(inputs + parameters + addends) { g in
      var gradient = g.contiguous()
      if let saved { gradient = Tensor.zipValues(gradient, saved) { $1 > 0 ? $0 : 0 } }
      let dy = gradient.basePointer
      var grads: [Tensor?] = []
      var offset = 0
      for (k, input) in inputs.enumerated() {
        if input.requiresGrad {
          let dx = Tensor.empty(input.shape)
          ParallelGEMM.gemm(
            transposeA: false, transposeB: false, m: rows, n: widths[k], k: outFeatures, a: dy, lda: outFeatures,
            b: w.basePointer + offset, ldb: totalWidth, c: dx.basePointer, ldc: widths[k])
          grads.append(dx)
        } else {
          grads.append(nil)
        }
        offset += widths[k]
      }
      if weight.requiresGrad {
        let dw = Tensor.empty(weight.shape)
        offset = 0
        for (k, x) in xs.enumerated() {
          ParallelGEMM.gemm(
            transposeA: true, transposeB: false, m: outFeatures, n: widths[k], k: rows, a: dy, lda: outFeatures,
            b: x.basePointer, ldb: widths[k], c: dw.basePointer + offset, ldc: totalWidth)
          offset += widths[k]
        }
        grads.append(dw)
      } else {
        grads.append(nil)
      }
      if let bias {
        grads.append(bias.requiresGrad ? gradient.reshaped([rows, outFeatures]).columnSums() : nil)
      }
      grads += addends.map { $0.requiresGrad ? gradient.reducedByBroadcast(to: $0.shape) : nil }
      withExtendedLifetime(gradient) {}
      return grads
    }
  }

  /// Writes the broadcast sum of `terms` into the contiguous `result`; not recorded.
  private static func fill(_ result: Tensor, withSumOf terms: [Tensor]) {
    let out = result.basePointer
    let sources = terms.map { $0.storage.pointer }
    let strides = terms.map { Broadcasting.strides(of: $0, as: result.shape) }
    withExtendedLifetime(terms) {
      forEachRun(shape: result.shape, operandStrides: strides, baseOffsets: terms.map(\.offset)) {
        offsets, inner, count, run in
        for t in 0..<sources.count {
          Tensor.accumulate(
            sources[t] + offsets[t], stride: inner[t], into: out + run * count, count: count, first: t == 0)
        }
      }
    }
  }

  /// The sums of the columns of a contiguous `[rows, columns]` tensor, as a `[columns]` tensor; not recorded.
  func columnSums() -> Tensor {
    let (rows, columns) = (shape[0], shape[1])
    let result = Tensor.zeros([columns])
    let (source, target) = (basePointer, result.basePointer)
    withExtendedLifetime(self) {
      for r in 0..<rows {
        let row = source + r * columns
        for j in 0..<columns { target[j] += row[j] }
      }
    }
    return result
  }
}
