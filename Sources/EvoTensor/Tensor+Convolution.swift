extension Tensor {
  /// The output length of a 1-D convolution or pooling window sweep (PyTorch's formula).
  public static func slidingOutputLength(
    length: Int, kernel: Int, stride: Int, padding: Int, dilation: Int = 1, ceilMode: Bool = false
  ) -> Int {
    let span = length + 2 * padding - dilation * (kernel - 1) - 1
    if span < 0 { return 0 }
    var out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
    // With ceil mode the last window must start inside the input or the left padding.
    if ceilMode && (out - 1) * stride >= length + padding { out -= 1 }
    return out
  }

  /// 1-D convolution of `[N, Cin, L]` with `[Cout, Cin / groups, K]` weights, as `F.conv1d`.
  ///
  /// The whole batch goes through one GEMM per group: im2col lays out `[Cin*K, N*Lout]` columns.
  public func conv1d(
    weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0, dilation: Int = 1, groups: Int = 1
  ) -> Tensor {
    precondition(rank == 3, "conv1d expects [N, C, L] input, got \(shape)")
    precondition(weight.rank == 3, "conv1d expects [Cout, Cin/groups, K] weight, got \(weight.shape)")
    let (n, cin, length) = (shape[0], shape[1], shape[2])
    let (cout, cinPerGroup, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2])
    precondition(
      cin % groups == 0 && cout % groups == 0 && cinPerGroup * groups == cin,
      "conv1d: \(cin) input channels, weight \(weight.shape) and groups \(groups) do not fit")
    let lout = Tensor.slidingOutputLength(
      length: length, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
    precondition(lout > 0, "conv1d: input length \(length) is too short for kernel \(kernel)")
    let coutPerGroup = cout / groups
    let rowsPerGroup = cinPerGroup * kernel
    let columns = n * lout

    let x = contiguous()
    let w = weight.contiguous()
    let cols = TensorStorage(uninitializedCount: cin * kernel * columns)
    let layout = ColumnLayout(
      n: n, channels: cin, length: length, kernel: kernel, lout: lout, stride: stride, padding: padding,
      dilation: dilation)
    layout.im2col(x.basePointer, into: cols.pointer)

    let product = TensorStorage(uninitializedCount: cout * columns)
    for g in 0..<groups {
      BLAS.gemm(
        transposeA: false, transposeB: false, m: coutPerGroup, n: columns, k: rowsPerGroup,
        a: w.basePointer + g * coutPerGroup * rowsPerGroup, lda: rowsPerGroup,
        b: cols.pointer + g * rowsPerGroup * columns, ldb: columns,
        c: product.pointer + g * coutPerGroup * columns, ldc: columns)
    }
    let result = Tensor.empty([n, cout, lout])
    let out = result.basePointer
    let biasValues = bias?.contiguous()
    for c in 0..<cout {
      let b = biasValues?.basePointer[c] ?? 0
      let row = product.pointer + c * columns
      for batch in 0..<n {
        let source = row + batch * lout
        let target = out + (batch * cout + c) * lout
        for t in 0..<lout { target[t] = source[t] + b }
      }
    }

    let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
    return result.recording(inputs) { g in
      let gradient = g.contiguous()
      let dy = TensorStorage(uninitializedCount: cout * columns)
      for c in 0..<cout {
        for batch in 0..<n {
          (dy.pointer + c * columns + batch * lout).update(
            from: gradient.basePointer + (batch * cout + c) * lout, count: lout)
        }
      }
      var grads: [Tensor?] = []
      if self.requiresGrad {
        let dcols = TensorStorage(uninitializedCount: cin * kernel * columns)
        for g in 0..<groups {
          BLAS.gemm(
            transposeA: true, transposeB: false, m: rowsPerGroup, n: columns, k: coutPerGroup,
            a: w.basePointer + g * coutPerGroup * rowsPerGroup, lda: rowsPerGroup,
            b: dy.pointer + g * coutPerGroup * columns, ldb: columns,
            c: dcols.pointer + g * rowsPerGroup * columns, ldc: columns)
        }
        let dx = Tensor.zeros(x.shape)
        layout.col2im(dcols.pointer, into: dx.basePointer)
        grads.append(dx)
      } else {
        grads.append(nil)
      }
      if weight.requiresGrad {
        let dw = Tensor.empty(weight.shape)
        for g in 0..<groups {
          BLAS.gemm(
            transposeA: false, transposeB: true, m: coutPerGroup, n: rowsPerGroup, k: columns,
            a: dy.pointer + g * coutPerGroup * columns, lda: columns,
            b: cols.pointer + g * rowsPerGroup * columns, ldb: columns,
            c: dw.basePointer + g * coutPerGroup * rowsPerGroup, ldc: rowsPerGroup)
        }
        grads.append(dw)
      } else {
        grads.append(nil)
      }
      if let bias {
        grads.append(bias.requiresGrad ? Tensor.rowSums(dy.pointer, rows: cout, columns: columns) : nil)
      }
      return grads
    }
  }

  /// `[rows]`: the sum of each row of a row-major `[rows, columns]` matrix, added left to right.
  static func rowSums(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int) -> Tensor {
    let sums = Tensor.empty([rows])
    for c in 0..<rows {
      var total: Float = 0
      let row = matrix + c * columns
      for j in 0..<columns { total += row[j] }
      sums.basePointer[c] = total
    }
    return sums
  }

  /// The output positions `t` whose input position `t * stride + shift` falls inside `0..<length`.
  @inline(__always)
  static func validOutputRange(shift: Int, stride: Int, length: Int, lout: Int) -> Range<Int> {
    let first = shift >= 0 ? 0 : (-shift + stride - 1) / stride
    let last = length - 1 - shift < 0 ? -1 : (length - 1 - shift) / stride
    let lower = Swift.min(first, lout)
    return lower..<Swift.max(lower, Swift.min(last + 1, lout))
  }
}

/// How a 1-D convolution's `[N, C, L]` input maps onto its `[C*K, N*Lout]` column matrix: im2col reads it one way,
/// col2im adds gradients back the other.
struct ColumnLayout {
  let n: Int
  let channels: Int
  let length: Int
  let kernel: Int
  let lout: Int
  let stride: Int
  let padding: Int
  let dilation: Int

  /// Lays out sliding windows of `[N, C, L]` as `[C*K, N*Lout]` columns (zeros where a window hits padding).
  func im2col(_ x: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>) {
    forEachRow { column, input, valid in
      let source = x + input
      let target = cols + column
      target.update(repeating: 0, count: valid.lowerBound)
      if stride == 1 {
        (target + valid.lowerBound).update(from: source + valid.lowerBound, count: valid.count)
      } else {
        // Pointer stepping: no multiply or overflow check per element in this hot gather.
        var from = UnsafePointer(source) + valid.lowerBound &* stride
        for t in valid {
          target[t] = from.pointee
          from += stride
        }
      }
      (target + valid.upperBound).update(repeating: 0, count: lout - valid.upperBound)
    }
  }

  /// Adds `[C*K, N*Lout]` column gradients back onto the `[N, C, L]` positions they were read from.
  func col2im(_ cols: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
    forEachRow { column, input, valid in
      let source = cols + column
      var to = dx + input + valid.lowerBound &* stride
      for t in valid {
        to.pointee += source[t]
        to += stride
      }
    }
  }

  /// Visits every row of one sample's stretch of the column matrix (`column`, its offset) with the offset of the
  /// input row it reads, shifted by the kernel tap (`input`), and the output positions whose read falls inside the
  /// row (`valid`): the walk im2col and col2im share.
  @inline(__always)
  private func forEachRow(_ body: (_ column: Int, _ input: Int, _ valid: Range<Int>) -> Void) {
    let columns = n * lout
    for k in 0..<kernel {
      let shift = k * dilation - padding
      let valid = Tensor.validOutputRange(shift: shift, stride: stride, length: length, lout: lout)
      for c in 0..<channels {
        let row = (c * kernel + k) * columns
        for batch in 0..<n {
          body(row + batch * lout, (batch * channels + c) * length + shift, valid)
        }
      }
    }
  }
}
