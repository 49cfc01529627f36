/// `nn.Conv1d` over `[N, Cin, L]` inputs.
public final class Conv1d: Module {
  public let inChannels: Int
  public let outChannels: Int
  public let kernelSize: Int
  public let stride: Int
  public let padding: Int
  public let dilation: Int
  public let groups: Int
  public private(set) var weight: Tensor
  public private(set) var bias: Tensor?

  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
    groups: Int = 1, bias: Bool = true, using generator: inout RandomSource
  ) {
    precondition(inChannels % groups == 0 && outChannels % groups == 0, "channels must be divisible by groups")
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernelSize = kernelSize
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    self.groups = groups
    let fanIn = inChannels / groups * kernelSize
    weight = Initialization.defaultWeight(
      [outChannels, inChannels / groups, kernelSize], fanIn: fanIn, using: &generator)
    self.bias = bias ? Initialization.defaultWeight([outChannels], fanIn: fanIn, using: &generator) : nil
    super.init()
    registerParameter("weight", weight)
    if let b = self.bias { registerParameter("bias", b) }
  }

  public override func forward(_ input: Tensor) -> Tensor {
    input.conv1d(weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
  }
}
