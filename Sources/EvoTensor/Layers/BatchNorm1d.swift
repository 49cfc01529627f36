/// `nn.BatchNorm1d` over `[N, C]` or `[N, C, L]`, with running statistics (momentum 0.1 by default).
public final class BatchNorm1d: Module {
  public let features: Int
  public let epsilon: Float
  public let momentum: Float
  public let weight: Tensor?
  public let bias: Tensor?
  public let runningMean: Tensor
  public let runningVariance: Tensor
  public let batchesTracked: Tensor

  public init(_ features: Int, epsilon: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true) {
    self.features = features
    self.epsilon = epsilon
    self.momentum = momentum
    weight = affine ? Tensor.ones([features]) : nil
    bias = affine ? Tensor.zeros([features]) : nil
    runningMean = Tensor.zeros([features])
    runningVariance = Tensor.ones([features])
    batchesTracked = Tensor.zeros([])
    super.init()
    if let weight { registerParameter("weight", weight) }
    if let bias { registerParameter("bias", bias) }
    registerBuffer("running_mean", runningMean)
    registerBuffer("running_var", runningVariance)
    registerBuffer("num_batches_tracked", batchesTracked)
  }

  public override func forward(_ input: Tensor) -> Tensor {
    precondition(
      input.rank >= 2 && input.shape[1] == features,
      "BatchNorm1d(\(features)) got input of shape \(input.shape)")
    if isTraining { batchesTracked.basePointer[0] += 1 }
    return input.batchNorm(
      runningMean: runningMean, runningVariance: runningVariance, weight: weight, bias: bias, training: isTraining,
      momentum: momentum, epsilon: epsilon)
  }
}
