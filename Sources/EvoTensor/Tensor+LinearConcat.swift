extension Tensor {
  /// `cat(inputs, dim: -1) W^T + b` without building the concatenation: one GEMM per input into the same result.
  ///
  /// The inputs share their leading dimensions; `weight` is `[out, Σ in_k]`, its columns in the inputs' order. A
  /// decoder reading `[edge_fts, tri_msgs]` over B·N² rows this way never writes the `[B, N, N, 2H]` concatenation.
  public static func linear(concatenating inputs: [Tensor], weight: Tensor, bias: Tensor?) -> Tensor {
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
    let result = Tensor.empty(leading + [outFeatures])
    let out = result.basePointer
    let biasValues = bias?.contiguous()
    if let biasValues {
      for r in 0..<rows { (out + r * outFeatures).update(from: biasValues.basePointer, count: outFeatures) }
    }
    var column = 0
    for (k, x) in xs.enumerated() {
      BLAS.gemm(
        transposeA: false, transposeB: true, m: rows, n: outFeatures, k: widths[k], a: x.basePointer, lda: widths[k],
        b: w.basePointer + column, ldb: totalWidth, beta: (biasValues == nil && k == 0) ? 0 : 1, c: out,
        ldc: outFeatures)
      column += widths[k]
    }
    withExtendedLifetime(biasValues) {}
    let parameters = bias.map { [weight, $0] } ?? [weight]
    return result.recording(inputs + parameters) { g in
      let gradient = g.contiguous()
      let dy = gradient.basePointer
      var grads: [Tensor?] = []
      var offset = 0
      for (k, input) in inputs.enumerated() {
        if input.requiresGrad {
          let dx = Tensor.empty(input.shape)
          BLAS.gemm(
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
          BLAS.gemm(
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
      withExtendedLifetime(gradient) {}
      return grads
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
