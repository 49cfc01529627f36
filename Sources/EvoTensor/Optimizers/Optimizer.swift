/// Updates parameters from their accumulated gradients.
public protocol Optimizer: AnyObject {
  /// The tensors this optimizer updates.
  var parameters: [Tensor] { get }
  /// The learning rate, adjustable between steps (for schedules).
  var learningRate: Float { get set }
  /// Applies one update to every parameter that has a gradient.
  func step()
}

extension Optimizer {
  /// Clears every parameter's gradient (PyTorch's `zero_grad(set_to_none=True)`).
  public func zeroGrad() {
    for p in parameters { p.grad = nil }
  }
}
