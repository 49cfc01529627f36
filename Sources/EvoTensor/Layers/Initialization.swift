/// PyTorch's default parameter initialisations, drawn from a seeded `RandomSource`.
public enum Initialization {
  /// `kaiming_uniform_(w, a=sqrt(5))`, PyTorch's default for Linear and Conv weights: `U(-1/sqrt(fan_in), +)`.
  public static func defaultWeight(_ shape: [Int], fanIn: Int, using generator: inout RandomSource) -> Tensor {
    uniformBound(shape, bound: fanIn > 0 ? 1 / Float(fanIn).squareRoot() : 0, using: &generator)
  }

  /// `U(-bound, bound)`.
  public static func uniformBound(_ shape: [Int], bound: Float, using generator: inout RandomSource) -> Tensor {
    Tensor.uniform(shape, low: -bound, high: bound, using: &generator, requiresGrad: true)
  }

  /// Standard normal values, PyTorch's default for `nn.Embedding`.
  public static func normal(_ shape: [Int], using generator: inout RandomSource) -> Tensor {
    Tensor.randn(shape, using: &generator, requiresGrad: true)
  }
}
