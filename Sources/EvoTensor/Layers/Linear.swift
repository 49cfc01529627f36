/// `nn.Linear`: `y = x W^T + b`.
public final class Linear: Module {
  public let inFeatures: Int
  public let outFeatures: Int
  public private(set) var weight: Tensor
  public private(set) var bias: Tensor?

  public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, using generator: inout RandomSource) {
    self.inFeatures = inFeatures
    self.outFeatures = outFeatures
    weight = Initialization.defaultWeight([outFeatures, inFeatures], fanIn: inFeatures, using: &generator)
    self.bias = bias ? Initialization.defaultWeight([outFeatures], fanIn: inFeatures, using: &generator) : nil
    super.init()
    registerParameter("weight", weight)
    if let b = self.bias { registerParameter("bias", b) }
  }

  public override func forward(_ input: Tensor) -> Tensor {
    input.linear(weight: weight, bias: bias)
  }
}
