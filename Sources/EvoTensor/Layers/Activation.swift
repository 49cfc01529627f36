/// A parameter-free element-wise layer (`nn.ReLU`, `nn.GELU`, `nn.Tanh`, …).
public final class Activation: Module {
  /// The functions PyTorch offers as activation layers.
  public enum Kind: Sendable, Equatable {
    case relu, gelu, silu, tanh, sigmoid, identity
    case leakyReLU(negativeSlope: Float)
    case elu(alpha: Float)
    case softmax(dim: Int)
    case logSoftmax(dim: Int)
  }

  public let kind: Kind

  public init(_ kind: Kind) {
    self.kind = kind
    super.init()
  }

  public override func forward(_ input: Tensor) -> Tensor {
    switch kind {
    case .relu: input.relu()
    case .gelu: input.gelu()
    case .silu: input.silu()
    case .tanh: input.tanh()
    case .sigmoid: input.sigmoid()
    case .identity: input
    case .leakyReLU(let slope): input.leakyReLU(negativeSlope: slope)
    case .elu(let alpha): input.elu(alpha: alpha)
    case .softmax(let dim): input.softmax(dim: dim)
    case .logSoftmax(let dim): input.logSoftmax(dim: dim)
    }
  }
}
