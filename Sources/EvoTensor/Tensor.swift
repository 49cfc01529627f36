import Foundation

/// An n-dimensional array of `Float` that records the operations applied to it for reverse-mode autodiff.
///
/// A tensor is a view (`shape`, `strides`, `offset`) of a `TensorStorage`. Ops read any view and always write
/// contiguous results. When gradients are enabled and an input requires a gradient, the result keeps a
/// `GradFunction` that knows how to send the result's gradient back to its inputs; `backward()` walks those
/// links in reverse topological order.
public final class Tensor: @unchecked Sendable {
  /// The size of each dimension; `[]` is a scalar.
  public let shape: [Int]
  /// The distance in elements between neighbours along each dimension.
  public let strides: [Int]
  /// The index in `storage` of the first element.
  public let offset: Int
  /// The values this tensor views.
  public let storage: TensorStorage
  /// The number of elements.
  public let count: Int
  /// Whether `backward()` computes a gradient for this tensor.
  public var requiresGrad: Bool
  /// The gradient accumulated by `backward()`; always contiguous, same shape.
  public var grad: Tensor?
  /// How to propagate this tensor's gradient to the tensors it was computed from (nil for leaves).
  var gradFunction: GradFunction?

  /// Creates a view of `storage`.
  public init(storage: TensorStorage, shape: [Int], strides: [Int]? = nil, offset: Int = 0, requiresGrad: Bool = false)
  {
    self.storage = storage
    self.shape = shape
    self.strides = strides ?? Tensor.contiguousStrides(for: shape)
    self.offset = offset
    self.count = shape.reduce(1, *)
    self.requiresGrad = requiresGrad
    precondition(
      count == 0 || offset + zip(shape, self.strides).reduce(0) { $0 + ($1.0 - 1) * $1.1 } < storage.count,
      "view exceeds its storage")
  }

  /// Creates a contiguous tensor holding `values` in row-major order.
  public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) {
    precondition(values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
    self.init(storage: TensorStorage(values), shape: shape, requiresGrad: requiresGrad)
  }

  /// Creates a scalar.
  public convenience init(scalar: Float) {
    self.init(storage: TensorStorage([scalar]), shape: [])
  }

  /// A contiguous tensor of `shape` filled with `value`.
  public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
    Tensor(
      storage: TensorStorage(count: shape.reduce(1, *), repeating: value), shape: shape, requiresGrad: requiresGrad)
  }

  /// Zeros of `shape`.
  public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
    full(shape, 0, requiresGrad: requiresGrad)
  }

  /// Ones of `shape`.
  public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
    full(shape, 1, requiresGrad: requiresGrad)
  }

  /// Standard normal values drawn from `generator`.
  public static func randn(_ shape: [Int], using generator: inout RandomSource, requiresGrad: Bool = false) -> Tensor {
    let result = Tensor(storage: TensorStorage(uninitializedCount: shape.reduce(1, *)), shape: shape)
    for i in 0..<result.count { result.storage.pointer[i] = generator.normal() }
    result.requiresGrad = requiresGrad
    return result
  }

  /// Uniform values in `[low, high)` drawn from `generator`.
  public static func uniform(
    _ shape: [Int], low: Float, high: Float, using generator: inout RandomSource, requiresGrad: Bool = false
  ) -> Tensor {
    let result = Tensor(storage: TensorStorage(uninitializedCount: shape.reduce(1, *)), shape: shape)
    for i in 0..<result.count { result.storage.pointer[i] = generator.uniform(low, high) }
    result.requiresGrad = requiresGrad
    return result
  }

  /// A new uninitialised contiguous tensor, for ops to fill.
  @usableFromInline static func empty(_ shape: [Int]) -> Tensor {
    Tensor(storage: TensorStorage(uninitializedCount: shape.reduce(1, *)), shape: shape)
  }

  /// Row-major strides of `shape`.
  public static func contiguousStrides(for shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[axis] = step
      step *= Swift.max(shape[axis], 1)
    }
    return strides
  }

  /// The number of dimensions.
  public var rank: Int { shape.count }

  /// Whether the elements lie in row-major order without gaps, starting at `offset`.
  public var isContiguous: Bool {
    var expected = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
      if strides[axis] != expected { return false }
      expected *= shape[axis]
    }
    return true
  }

  /// The first element of a contiguous tensor.
  @inlinable public var basePointer: UnsafeMutablePointer<Float> { storage.pointer + offset }

  /// The values in row-major order.
  public var scalars: [Float] {
    let source = contiguous()
    defer { withExtendedLifetime(source) {} }
    return Array(UnsafeBufferPointer(start: source.basePointer, count: count))
  }

  /// The value of a one-element tensor.
  public var item: Float {
    precondition(count == 1, "item() needs a one-element tensor, got shape \(shape)")
    return storage.pointer[offset]
  }

  /// Resolves a possibly negative axis against the rank.
  @inlinable public func axis(_ axis: Int) -> Int {
    let resolved = axis < 0 ? axis + rank : axis
    precondition(resolved >= 0 && resolved < Swift.max(rank, 1), "axis \(axis) out of range for rank \(rank)")
    return resolved
  }

  /// A tensor that shares the values but is cut off from the autodiff graph.
  public func detached() -> Tensor {
    Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
  }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let values = scalars.prefix(16).map { String(format: "%.5g", Double($0)) }.joined(separator: ", ")
    return "Tensor(shape: \(shape), [\(values)\(count > 16 ? ", …" : "")])"
  }
}
