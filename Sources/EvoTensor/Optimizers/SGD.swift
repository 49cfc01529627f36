/// Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, as `torch.optim.SGD`.
public final class SGD: Optimizer {
  public let parameters: [Tensor]
  public var learningRate: Float
  public let momentum: Float
  public let dampening: Float
  public let weightDecay: Float
  public let nesterov: Bool
  private var velocity: [TensorStorage?]

  public init(
    _ parameters: [Tensor], learningRate: Float, momentum: Float = 0, dampening: Float = 0, weightDecay: Float = 0,
    nesterov: Bool = false
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
    velocity = Array(repeating: nil, count: parameters.count)
  }

  public func step() {
    for (index, parameter) in parameters.enumerated() {
      guard let grad = parameter.grad?.contiguous() else { continue }
      defer { withExtendedLifetime(grad) {} }
      let (p, g, n) = (parameter.basePointer, grad.basePointer, parameter.count)
      let first = velocity[index] == nil
      if momentum != 0 && first { velocity[index] = TensorStorage(count: n, repeating: 0) }
      let v = velocity[index]?.pointer
      for i in 0..<n {
        var d = g[i] + weightDecay * p[i]
        if let v {
          v[i] = first ? d : momentum * v[i] + (1 - dampening) * d
          d = nesterov ? d + momentum * v[i] : v[i]
        }
        p[i] -= learningRate * d
      }
    }
  }
}
