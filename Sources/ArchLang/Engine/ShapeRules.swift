import EvoTensor

/// Shape checks that run before every engine call, so a wrong program gets PyTorch's error as an `ArchLangError`
/// instead of tripping one of the engine's preconditions.
enum ShapeRules {
  /// Resolves a possibly negative dimension against `rank` (PyTorch's "Dimension out of range" otherwise).
  static func axis(_ dim: Int, rank: Int, at location: SourceLocation) throws(ArchLangError) -> Int {
    let extent = Swift.max(rank, 1)
    let resolved = dim < 0 ? dim + extent : dim
    guard resolved >= 0 && resolved < extent else {
      throw ArchLangError(
        .runtime, "Dimension out of range (expected to be in range of [\(-extent), \(extent - 1)], but got \(dim))",
        at: location)
    }
    return resolved
  }

  /// Resolves a target shape with at most one `-1` for `view`/`reshape` of `count` elements.
  static func resolve(_ requested: [Int], count: Int, from shape: [Int], at location: SourceLocation)
    throws(ArchLangError)
    -> [Int]
  {
    let unknowns = requested.indices.filter { requested[$0] == -1 }
    guard unknowns.count <= 1 else {
      throw ArchLangError(.runtime, "only one dimension can be inferred", at: location)
    }
    if let bad = requested.first(where: { $0 < -1 }) {
      throw ArchLangError(.runtime, "invalid shape dimension \(bad)", at: location)
    }
    var resolved = requested
    let known = requested.filter { $0 != -1 }.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    if let unknown = unknowns.first {
      guard known > 0 && count % known == 0 else {
        throw ArchLangError(
          .runtime, "shape '\(requested)' is invalid for input of size \(count) (shape \(shape))", at: location)
      }
      resolved[unknown] = count / known
    }
    guard resolved.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) == count else {
      throw ArchLangError(
        .runtime, "shape '\(requested)' is invalid for input of size \(count) (shape \(shape))", at: location)
    }
    if resolved.contains(0) {
      throw ArchLangError(
        .unsupported, "tensors with a zero-sized dimension are not supported (shape \(resolved))", at: location)
    }
    return resolved
  }

  /// The broadcast shape of two operands, or PyTorch's error.
  static func broadcast(_ a: [Int], _ b: [Int], at location: SourceLocation) throws(ArchLangError) -> [Int] {
    guard let shape = Broadcasting.shape(a, b) else {
      throw ArchLangError(
        .runtime,
        "The size of tensor a (\(a.last ?? 1)) must match the size of tensor b (\(b.last ?? 1)) at a non-singleton dimension: shapes \(a) and \(b) cannot be broadcast",
        at: location)
    }
    return shape
  }

  /// Throws when a tensor of `shape` would exceed the element limit.
  static func checkSize(_ shape: [Int], limits: InterpreterLimits, at location: SourceLocation) throws(ArchLangError) {
    var total = 1
    for extent in shape {
      guard extent >= 0 else {
        throw ArchLangError(.runtime, "negative dimension \(extent) in shape \(shape)", at: location)
      }
      let (product, overflow) = total.multipliedReportingOverflow(by: extent)
      if overflow || product > limits.maximumTensorElements {
        throw ArchLangError(
          .limit, "a tensor of shape \(shape) exceeds the limit of \(limits.maximumTensorElements) elements",
          at: location)
      }
      total = product
    }
  }

  /// The shape `a.matmul(b)` produces, or PyTorch's error.
  static func matmul(_ a: [Int], _ b: [Int], at location: SourceLocation) throws(ArchLangError) -> [Int] {
    guard !a.isEmpty && !b.isEmpty else {
      throw ArchLangError(
        .runtime, "both arguments to matmul need to be at least 1D, but they are \(a.count)D and \(b.count)D",
        at: location)
    }
    let left = a.count == 1 ? [1] + a : a
    let right = b.count == 1 ? b + [1] : b
    let k = left[left.count - 1]
    let k2 = right[right.count - 2]
    guard k == k2 else {
      throw ArchLangError(
        .runtime,
        "mat1 and mat2 shapes cannot be multiplied (\(left.dropLast().reduce(1, *))x\(k) and \(k2)x\(right.last ?? 1)): shapes \(a) and \(b)",
        at: location)
    }
    let batch = try broadcast(Array(left.dropLast(2)), Array(right.dropLast(2)), at: location)
    var result = batch + [left[left.count - 2], right[right.count - 1]]
    if a.count == 1 { result.remove(at: result.count - 2) }
    if b.count == 1 { result.removeLast() }
    return result
  }
}
