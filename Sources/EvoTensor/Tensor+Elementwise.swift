import Foundation

extension Tensor {
  /// A contiguous tensor with the same values: `self` when already contiguous.
  public func contiguous() -> Tensor {
    if isContiguous { return self }
    let result = Tensor.empty(shape)
    let out = result.basePointer
    let source = storage.pointer
    forEachRun(shape: shape, operandStrides: [strides], baseOffsets: [offset]) { offsets, inner, count, run in
      let start = offsets[0]
      let step = inner[0]
      let target = out + run * count
      for i in 0..<count { target[i] = source[start + i * step] }
    }
    return result.recording([self]) { [shape] grad in [grad.reshaped(shape)] }
  }

  /// Applies `transform` to every element.
  @inline(__always)
  func mapValues(_ transform: (Float) -> Float) -> Tensor {
    let source = contiguous()
    defer { withExtendedLifetime(source) {} }
    let result = Tensor.empty(shape)
    let input = source.basePointer
    let output = result.basePointer
    for i in 0..<count { output[i] = transform(input[i]) }
    return result
  }

  /// Combines two tensors element by element after broadcasting them to a common shape.
  @inline(__always)
  static func zipValues(_ a: Tensor, _ b: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
    guard let shape = Broadcasting.shape(a.shape, b.shape) else {
      preconditionFailure("shapes \(a.shape) and \(b.shape) cannot be broadcast together")
    }
    let result = Tensor.empty(shape)
    let out = result.basePointer
    if a.shape == b.shape && a.isContiguous && b.isContiguous {
      let pa = a.basePointer
      let pb = b.basePointer
      for i in 0..<result.count { out[i] = combine(pa[i], pb[i]) }
      return result
    }
    if b.count == 1 && a.shape == shape && a.isContiguous {
      let pa = a.basePointer
      let scalar = b.storage.pointer[b.offset]
      for i in 0..<result.count { out[i] = combine(pa[i], scalar) }
      return result
    }
    let pa = a.storage.pointer
    let pb = b.storage.pointer
    let stridesA = Broadcasting.strides(of: a, as: shape)
    let stridesB = Broadcasting.strides(of: b, as: shape)
    forEachRun(shape: shape, operandStrides: [stridesA, stridesB], baseOffsets: [a.offset, b.offset]) {
      offsets, inner, count, run in
      let target = out + run * count
      let (oa, ob, sa, sb) = (offsets[0], offsets[1], inner[0], inner[1])
      for i in 0..<count { target[i] = combine(pa[oa + i * sa], pb[ob + i * sb]) }
    }
    return result
  }

  /// Sums a broadcast gradient back down to `shape` (the inverse of broadcasting).
  public func summed(toShape target: [Int]) -> Tensor {
    if shape == target { return self }
    var result = self
    let extra = rank - target.count
    for _ in 0..<extra { result = result.sum(dims: [0]) }
    var axes: [Int] = []
    for (i, size) in target.enumerated() where size == 1 && result.shape[i] != 1 { axes.append(i) }
    if !axes.isEmpty { result = result.sum(dims: axes, keepDims: true) }
    return result.reshaped(target)
  }

  public static func + (a: Tensor, b: Tensor) -> Tensor {
    zipValues(a, b, +).recording([a, b]) { [sa = a.shape, sb = b.shape] g in
      [g.summed(toShape: sa), g.summed(toShape: sb)]
    }
  }

  public static func - (a: Tensor, b: Tensor) -> Tensor {
    zipValues(a, b, -).recording([a, b]) { [sa = a.shape, sb = b.shape] g in
      [g.summed(toShape: sa), (-g).summed(toShape: sb)]
    }
  }

  public static func * (a: Tensor, b: Tensor) -> Tensor {
    zipValues(a, b, *).recording([a, b]) { g in
      [
        a.requiresGrad ? (g * b.detached()).summed(toShape: a.shape) : nil,
        b.requiresGrad ? (g * a.detached()).summed(toShape: b.shape) : nil,
      ]
    }
  }

  public static func / (a: Tensor, b: Tensor) -> Tensor {
    zipValues(a, b, /).recording([a, b]) { g in
      let bd = b.detached()
      return [
        a.requiresGrad ? (g / bd).summed(toShape: a.shape) : nil,
        b.requiresGrad ? (-(g * a.detached()) / (bd * bd)).summed(toShape: b.shape) : nil,
      ]
    }
  }

  public static prefix func - (a: Tensor) -> Tensor {
    a.mapValues { -$0 }.recording([a]) { g in [-g] }
  }

  public static func + (a: Tensor, b: Float) -> Tensor {
    a.mapValues { $0 + b }.recording([a]) { g in [g] }
  }

  public static func + (a: Float, b: Tensor) -> Tensor { b + a }

  public static func - (a: Tensor, b: Float) -> Tensor { a + (-b) }

  public static func - (a: Float, b: Tensor) -> Tensor {
    b.mapValues { a - $0 }.recording([b]) { g in [-g] }
  }

  public static func * (a: Tensor, b: Float) -> Tensor {
    a.mapValues { $0 * b }.recording([a]) { g in [g * b] }
  }

  public static func * (a: Float, b: Tensor) -> Tensor { b * a }

  public static func / (a: Tensor, b: Float) -> Tensor { a * (1 / b) }

  public static func / (a: Float, b: Tensor) -> Tensor {
    b.mapValues { a / $0 }.recording([b]) { g in [g * (-a) / (b.detached() * b.detached())] }
  }

  /// Raises every element to `exponent`.
  public func pow(_ exponent: Float) -> Tensor {
    if exponent == 2 {
      return mapValues { $0 * $0 }.recording([self]) { g in [g * self.detached() * 2] }
    }
    return mapValues { Foundation.pow($0, exponent) }.recording([self]) { g in
      [g * self.detached().pow(exponent - 1) * exponent]
    }
  }

  /// Element-wise square root.
  public func sqrt() -> Tensor {
    let result = mapValues { $0.squareRoot() }
    let saved = result.detached()  // not `result`: the closure lives inside it
    return result.recording([self]) { g in [g / (saved * 2)] }
  }

  /// Element-wise natural exponential.
  public func exp() -> Tensor {
    let result = mapValues { Foundation.exp($0) }
    let saved = result.detached()
    return result.recording([self]) { g in [g * saved] }
  }

  /// Element-wise natural logarithm.
  public func log() -> Tensor {
    mapValues { Foundation.log($0) }.recording([self]) { g in [g / self.detached()] }
  }

  /// Element-wise absolute value (gradient 0 at 0, as PyTorch).
  public func abs() -> Tensor {
    mapValues { Swift.abs($0) }.recording([self]) { g in
      [g * self.detached().mapValues { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }]
    }
  }

  /// Clamps every element into `[low, high]` (gradient passes where unclamped).
  public func clamped(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
    mapValues { Swift.min(Swift.max($0, low), high) }.recording([self]) { g in
      [g * self.detached().mapValues { $0 >= low && $0 <= high ? 1 : 0 }]
    }
  }
}
