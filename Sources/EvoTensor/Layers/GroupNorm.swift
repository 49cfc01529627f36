/// `nn.GroupNorm`: normalises groups of channels of `[N, C, *]` per sample.
public final class GroupNorm: Module {
  public let groups: Int
  public let channels: Int
  public let epsilon: Float
  public let weight: Tensor?
  public let bias: Tensor?

  public init(groups: Int, channels: Int, epsilon: Float = 1e-5, affine: Bool = true) {
    precondition(groups > 0 && channels % groups == 0, "channels must be divisible by groups")
    self.groups = groups
    self.channels = channels
    self.epsilon = epsilon
    weight = affine ? Tensor.ones([channels]) : nil
    bias = affine ? Tensor.zeros([channels]) : nil
    super.init()
    if let weight { registerParameter("weight", weight) }
    if let bias { registerParameter("bias", bias) }
  }

  public override func forward(_ input: Tensor) -> Tensor {
    input.groupNorm(groups: groups, weight: weight, bias: bias, epsilon: epsilon)
  }
}
