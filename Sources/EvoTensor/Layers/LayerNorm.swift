/// `nn.LayerNorm` over the trailing `normalizedShape` dimensions.
public final class LayerNorm: Module {
  public let normalizedShape: [Int]
  public let epsilon: Float
  public let weight: Tensor?
  public let bias: Tensor?

  public init(_ normalizedShape: [Int], epsilon: Float = 1e-5, elementwiseAffine: Bool = true) {
    self.normalizedShape = normalizedShape
    self.epsilon = epsilon
    weight = elementwiseAffine ? Tensor.ones(normalizedShape) : nil
    bias = elementwiseAffine ? Tensor.zeros(normalizedShape) : nil
    super.init()
    if let weight { registerParameter("weight", weight) }
    if let bias { registerParameter("bias", bias) }
  }

  public override func forward(_ input: Tensor) -> Tensor {
    input.layerNorm(normalizedShape: normalizedShape, weight: weight, bias: bias, epsilon: epsilon)
  }
}
