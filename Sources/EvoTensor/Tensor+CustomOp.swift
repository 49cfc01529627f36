extension Tensor {
  /// A new contiguous tensor whose values the caller writes before reading (for custom kernels outside EvoTensor).
  public static func uninitialized(_ shape: [Int]) -> Tensor { empty(shape) }

  /// Marks `self`, computed by a custom kernel from `inputs`, as differentiable: `backward` maps the gradient of
  /// `self` to one gradient per input (nil for none), each shaped like that input. Nothing is recorded when no input
  /// needs a gradient or the tape is off.
  ///
  /// Fused kernels (a whole decoder, a loss over a batch) use this to be one node of the tape instead of many.
  @discardableResult
  public func differentiable(from inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
    recording(inputs, backward)
  }

  /// Whether an op over `inputs` records its backward step now (the tape is on and some input needs a gradient).
  public static func recordsGradient(for inputs: [Tensor]) -> Bool { needsGrad(inputs) }
}
