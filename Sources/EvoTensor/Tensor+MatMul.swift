extension Tensor {
  /// Matrix product with PyTorch's `matmul` rules: 1-D operands are promoted, leading dimensions broadcast.
  public func matmul(_ other: Tensor) -> Tensor {
    precondition(rank >= 1 && other.rank >= 1, "matmul needs tensors of rank >= 1")
    if rank == 1 { return unsqueezed(0).matmul(other).squeezed(-2) }
    if other.rank == 1 { return matmul(other.unsqueezed(1)).squeezed(-1) }
    let (m, k) = (shape[rank - 2], shape[rank - 1])
    let (k2, n) = (other.shape[other.rank - 2], other.shape[other.rank - 1])
    precondition(k == k2, "matmul: shapes \(shape) and \(other.shape) do not align (\(k) vs \(k2))")
    let batchA = Array(shape.dropLast(2))
    let batchB = Array(other.shape.dropLast(2))
    guard let batch = Broadcasting.shape(batchA, batchB) else {
      preconditionFailure("matmul: batch dimensions \(batchA) and \(batchB) cannot be broadcast")
    }
    let result = Tensor.empty(batch + [m, n])
    let a = contiguous()
    let b = other.contiguous()
    if batchB.reduce(1, *) == 1 {
      // One GEMM: the left operand's batch folds into its rows.
      let rows = a.count / k
      BLAS.gemm(
        transposeA: false, transposeB: false, m: rows, n: n, k: k, a: a.basePointer, lda: k,
        b: b.basePointer, ldb: n, c: result.basePointer, ldc: n)
    } else {
      let expandedA = a.expanded(to: batch + [m, k]).contiguous()
      let expandedB = b.expanded(to: batch + [k, n]).contiguous()
      for i in 0..<batch.reduce(1, *) {
        BLAS.gemm(
          transposeA: false, transposeB: false, m: m, n: n, k: k, a: expandedA.basePointer + i * m * k, lda: k,
          b: expandedB.basePointer + i * k * n, ldb: n, c: result.basePointer + i * m * n, ldc: n)
      }
    }
    return result.recording([self, other]) { g in
      [
        self.requiresGrad ? g.matmul(b.detached().transposed(-1, -2)).summed(toShape: self.shape) : nil,
        other.requiresGrad ? a.detached().transposed(-1, -2).matmul(g).summed(toShape: other.shape) : nil,
      ]
    }
  }

  /// `x W^T + b` over the last dimension of `self`, as `nn.Linear` computes it.
  public func linear(weight: Tensor, bias: Tensor?) -> Tensor {
    let inFeatures = shape[rank - 1]
    precondition(
      weight.rank == 2 && weight.shape[1] == inFeatures,
      "linear: input has \(inFeatures) features, weight is \(weight.shape)")
    let outFeatures = weight.shape[0]
    let x = contiguous()
    let w = weight.contiguous()
    let rows = count / Swift.max(inFeatures, 1)
    let result = Tensor.empty(Array(shape.dropLast()) + [outFeatures])
    let out = result.basePointer
    if let bias {
      let biasValues = bias.contiguous()
      defer { withExtendedLifetime(biasValues) {} }
      let b = biasValues.basePointer
      for r in 0..<rows { (out + r * outFeatures).update(from: b, count: outFeatures) }
    }
    BLAS.gemm(
      transposeA: false, transposeB: true, m: rows, n: outFeatures, k: inFeatures, a: x.basePointer, lda: inFeatures,
      b: w.basePointer, ldb: inFeatures, beta: bias == nil ? 0 : 1, c: out, ldc: outFeatures)
    let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
    return result.recording(inputs) { g in
      let gradient = g.contiguous()
      defer { withExtendedLifetime(gradient) {} }
      let dy = gradient.basePointer
      // dx = dy·W and dW = dyᵀ·x, each only for an input that wants a gradient.
      let dx = self.requiresGrad ? Tensor.empty(self.shape) : nil
      if let dx {
        BLAS.gemm(
          transposeA: false, transposeB: false, m: rows, n: inFeatures, k: outFeatures, a: dy, lda: outFeatures,
          b: w.basePointer, ldb: inFeatures, c: dx.basePointer, ldc: inFeatures)
      }
      let dw = weight.requiresGrad ? Tensor.empty(weight.shape) : nil
      if let dw {
        BLAS.gemm(
          transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: rows, a: dy, lda: outFeatures,
          b: x.basePointer, ldb: inFeatures, c: dw.basePointer, ldc: inFeatures)
      }
      var grads = [dx, dw]
      if let bias {
        if bias.requiresGrad {
          let db = Tensor.zeros(bias.shape)
          let target = db.basePointer
          for r in 0..<rows {
            let row = dy + r * outFeatures
            for j in 0..<outFeatures { target[j] += row[j] }
          }
          grads.append(db)
        } else {
          grads.append(nil)
        }
      }
      return grads
    }
  }
}
