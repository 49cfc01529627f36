import Foundation

/// Adam (`torch.optim.Adam`, L2 weight decay added to the gradient) and AdamW (`torch.optim.AdamW`, decoupled).
public final class Adam: Optimizer {
  public let parameters: [Tensor]
  public var learningRate: Float
  public let beta1: Float
  public let beta2: Float
  public let epsilon: Float
  public let weightDecay: Float
  /// Whether weight decay is decoupled from the gradient (AdamW) rather than added to it (Adam).
  public let decoupledWeightDecay: Bool
  private var firstMoments: [TensorStorage?]
  private var secondMoments: [TensorStorage?]
  private var steps: [Int]

  public init(
    _ parameters: [Tensor], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
    epsilon: Float = 1e-8, weightDecay: Float = 0, decoupledWeightDecay: Bool = false
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decoupledWeightDecay = decoupledWeightDecay
    firstMoments = Array(repeating: nil, count: parameters.count)
    secondMoments = Array(repeating: nil, count: parameters.count)
    steps = Array(repeating: 0, count: parameters.count)
  }

  /// AdamW with PyTorch's defaults (weight decay 0.01).
  public static func adamW(_ parameters: [Tensor], learningRate: Float = 1e-3, weightDecay: Float = 0.01) -> Adam {
    Adam(parameters, learningRate: learningRate, weightDecay: weightDecay, decoupledWeightDecay: true)
  }

  public func step() {
    for (index, parameter) in parameters.enumerated() {
      guard let grad = parameter.grad?.contiguous() else { continue }
      defer { withExtendedLifetime(grad) {} }
      let n = parameter.count
      if firstMoments[index] == nil {
        firstMoments[index] = TensorStorage(count: n, repeating: 0)
        secondMoments[index] = TensorStorage(count: n, repeating: 0)
      }
      steps[index] += 1
      let t = Float(steps[index])
      let correction1 = 1 - Foundation.pow(beta1, t)
      let correction2Root = (1 - Foundation.pow(beta2, t)).squareRoot()
      let stepSize = learningRate / correction1
      let (p, g) = (parameter.basePointer, grad.basePointer)
      let (m, v) = (firstMoments[index]!.pointer, secondMoments[index]!.pointer)
      let (b1, b2, eps) = (beta1, beta2, epsilon)
      let decay = decoupledWeightDecay ? 1 - learningRate * weightDecay : 1
      let l2 = decoupledWeightDecay ? 0 : weightDecay
      for i in 0..<n {
        p[i] *= decay
        let gi = g[i] + l2 * p[i]
        m[i] = b1 * m[i] + (1 - b1) * gi
        v[i] = b2 * v[i] + (1 - b2) * gi * gi
        p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + eps)
      }
    }
  }
}
