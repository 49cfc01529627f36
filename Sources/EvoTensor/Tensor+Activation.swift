import Foundation

extension Tensor {
  /// An element-wise op whose derivative is a function of the input and the output.
  ///
  /// When a gradient is needed the derivative is evaluated in the same pass as the value, where both closures
  /// inline into one loop; backward is then a single multiply instead of a call per element.
  @inline(__always)
  func pointwise(_ forward: (Float) -> Float, derivative: (_ x: Float, _ y: Float) -> Float) -> Tensor {
    let input = contiguous()
    defer { withExtendedLifetime(input) {} }
    let result = Tensor.empty(shape)
    let (x, y) = (input.basePointer, result.basePointer)
    guard Tensor.needsGrad([self]) else {
      for i in 0..<count { y[i] = forward(x[i]) }
      return result
    }
    let slopes = Tensor.empty(shape)
    let d = slopes.basePointer
    for i in 0..<count {
      let value = forward(x[i])
      y[i] = value
      d[i] = derivative(x[i], value)
    }
    return result.recording([self]) { g in [g * slopes] }
  }

  /// `max(x, 0)`. Backward masks the gradient with the result (positive where the input was), so no slope tensor
  /// is kept: in a recurrent network every kept activation is kept for every step.
  public func relu() -> Tensor {
    let result = mapValues { Swift.max($0, 0) }
    guard Tensor.needsGrad([self]) else { return result }
    let saved = result.detached()
    return result.recording([self]) { g in [Tensor.zipValues(g, saved) { $1 > 0 ? $0 : 0 }] }
  }

  /// GELU in PyTorch's exact form, `x * Φ(x)` with the error function.
  public func gelu() -> Tensor {
    pointwise(
      { x in 0.5 * x * (1 + Foundation.erf(x * 0.707_106_77)) },
      derivative: { x, _ in
        let cdf = 0.5 * (1 + Foundation.erf(x * 0.707_106_77))
        let pdf = Foundation.exp(-0.5 * x * x) * 0.398_942_3
        return cdf + x * pdf
      })
  }

  /// `x * sigmoid(x)`.
  public func silu() -> Tensor {
    pointwise(
      { x in x / (1 + Foundation.exp(-x)) },
      derivative: { x, _ in
        let s = 1 / (1 + Foundation.exp(-x))
        return s * (1 + x * (1 - s))
      })
  }

  /// Hyperbolic tangent.
  public func tanh() -> Tensor {
    pointwise({ Foundation.tanh($0) }, derivative: { _, y in 1 - y * y })
  }

  /// The logistic function.
  public func sigmoid() -> Tensor {
    pointwise({ x in Tensor.logistic(x) }, derivative: { _, y in y * (1 - y) })
  }

  /// `x` where positive, `slope * x` elsewhere.
  public func leakyReLU(negativeSlope slope: Float = 0.01) -> Tensor {
    pointwise({ $0 > 0 ? $0 : $0 * slope }, derivative: { x, _ in x > 0 ? 1 : slope })
  }

  /// `x` where positive, `alpha * (exp(x) - 1)` elsewhere.
  public func elu(alpha: Float = 1) -> Tensor {
    pointwise({ $0 > 0 ? $0 : alpha * (Foundation.exp($0) - 1) }, derivative: { x, y in x > 0 ? 1 : y + alpha })
  }

  /// A numerically stable logistic function.
  static func logistic(_ x: Float) -> Float {
    x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
  }

  /// Softmax along `dim`.
  public func softmax(dim: Int) -> Tensor {
    let a = axis(dim)
    let result = normalizedExponentials(axis: a, logarithm: false)
    let saved = result.detached()
    return result.recording([self]) { g in
      // dx = y * (g - sum(g * y))
      let gy = g * saved
      return [gy - saved * gy.sum(dims: [a], keepDims: true)]
    }
  }

  /// Log-softmax along `dim`.
  public func logSoftmax(dim: Int) -> Tensor {
    let a = axis(dim)
    let result = normalizedExponentials(axis: a, logarithm: true)
    let saved = result.detached()
    return result.recording([self]) { g in
      // dx = g - softmax * sum(g)
      [g - saved.exp() * g.sum(dims: [a], keepDims: true)]
    }
  }

  /// `exp(x - logsumexp(x))` along `axis` (or its logarithm), shifted by the maximum for stability; not recorded.
  private func normalizedExponentials(axis a: Int, logarithm: Bool) -> Tensor {
    let input = contiguous()
    defer { withExtendedLifetime(input) {} }
    let (outer, size, inner) = input.reductionLayout(a)
    let result = Tensor.empty(shape)
    let (x, y) = (input.basePointer, result.basePointer)
    for o in 0..<outer {
      for i in 0..<inner {
        let base = o * size * inner + i
        var peak = -Float.infinity
        for s in 0..<size { peak = Swift.max(peak, x[base + s * inner]) }
        var total: Float = 0
        for s in 0..<size { total += Foundation.exp(x[base + s * inner] - peak) }
        let logTotal = peak + Foundation.log(total)
        for s in 0..<size {
          let shifted = x[base + s * inner] - logTotal
          y[base + s * inner] = logarithm ? shifted : Foundation.exp(shifted)
        }
      }
    }
    return result
  }

  /// Mean cross-entropy of `[N, C]` logits against class indices, as `F.cross_entropy` computes it.
  public func crossEntropy(targets: [Int]) -> Tensor {
    precondition(rank == 2 && targets.count == shape[0], "cross entropy needs [N, C] logits and N targets")
    let (n, c) = (shape[0], shape[1])
    let input = contiguous()
    defer { withExtendedLifetime(input) {} }
    let probabilities = Tensor.empty(shape)
    let (x, p) = (input.basePointer, probabilities.basePointer)
    var loss: Double = 0
    for row in 0..<n {
      let target = targets[row]
      precondition(target >= 0 && target < c, "target \(target) out of range for \(c) classes")
      let logits = x + row * c
      var peak = -Float.infinity
      for j in 0..<c { peak = Swift.max(peak, logits[j]) }
      var total: Float = 0
      for j in 0..<c {
        let e = Foundation.exp(logits[j] - peak)
        p[row * c + j] = e
        total += e
      }
      for j in 0..<c { p[row * c + j] /= total }
      loss += Double(peak + Foundation.log(total) - logits[target])
    }
    let result = Tensor(scalar: Float(loss / Double(Swift.max(n, 1))))
    return result.recording([self]) { g in
      let scale = g.item / Float(Swift.max(n, 1))
      let dx = Tensor.empty([n, c])
      let d = dx.basePointer
      let p = probabilities.basePointer
      for i in 0..<(n * c) { d[i] = p[i] * scale }
      for row in 0..<n { d[row * c + targets[row]] -= scale }
      return [dx]
    }
  }
}
