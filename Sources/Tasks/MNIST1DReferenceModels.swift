import EvoTensor

/// The MNIST-1D project's reference networks (`ConvBase`, `MLPBase`, `GRUBase`), built directly on EvoTensor with
/// PyTorch's module names, so their `state_dict`s line up with the project's PyTorch code.
public enum MNIST1DReferenceModels {
  /// The names `bench train --model` accepts.
  public static let names = ["mnist1d-cnn", "mnist1d-mlp", "mnist1d-gru"]

  public static func make(_ name: String, using generator: inout RandomSource) -> Module? {
    switch name {
    case "mnist1d-cnn": ConvBase(using: &generator)
    case "mnist1d-mlp": MLPBase(using: &generator)
    case "mnist1d-gru": GRUBase(using: &generator)
    default: nil
    }
  }

  /// `ConvBase`: three strided convolutions with ReLU and a linear classifier (5,210 parameters).
  public final class ConvBase: Module {
    public let conv1: Conv1d
    public let conv2: Conv1d
    public let conv3: Conv1d
    public let linear: Linear

    public init(using generator: inout RandomSource) {
      conv1 = Conv1d(1, 25, kernelSize: 5, stride: 2, padding: 1, using: &generator)
      conv2 = Conv1d(25, 25, kernelSize: 3, stride: 2, padding: 1, using: &generator)
      conv3 = Conv1d(25, 25, kernelSize: 3, stride: 2, padding: 1, using: &generator)
      linear = Linear(125, 10, using: &generator)
      super.init()
      registerModule("conv1", conv1)
      registerModule("conv2", conv2)
      registerModule("conv3", conv3)
      registerModule("linear", linear)
    }

    public override func forward(_ x: Tensor) -> Tensor {
      var h = x.reshaped([-1, 1, x.shape[1]])
      h = conv1(h).relu()
      h = conv2(h).relu()
      h = conv3(h).relu()
      return linear(h.reshaped([h.shape[0], -1]))
    }
  }

  /// `MLPBase`: two hidden layers of 100, the second residual (15,210 parameters).
  public final class MLPBase: Module {
    public let linear1: Linear
    public let linear2: Linear
    public let linear3: Linear

    public init(using generator: inout RandomSource) {
      linear1 = Linear(40, 100, using: &generator)
      linear2 = Linear(100, 100, using: &generator)
      linear3 = Linear(100, 10, using: &generator)
      super.init()
      registerModule("linear1", linear1)
      registerModule("linear2", linear2)
      registerModule("linear3", linear3)
    }

    public override func forward(_ x: Tensor) -> Tensor {
      let h = linear1(x).relu()
      return linear3(h + linear2(h).relu())
    }
  }

  /// `GRUBase`: a bidirectional GRU (hidden 6) over the 40 positions, all outputs to a linear layer (5,134 parameters).
  public final class GRUBase: Module {
    public let gru: RecurrentLayer
    public let linear: Linear

    public init(using generator: inout RandomSource) {
      gru = RecurrentLayer(.gru, inputSize: 1, hiddenSize: 6, batchFirst: true, bidirectional: true, using: &generator)
      linear = Linear(480, 10, using: &generator)
      super.init()
      registerModule("gru", gru)
      registerModule("linear", linear)
    }

    public override func forward(_ x: Tensor) -> Tensor {
      let sequence = x.reshaped([x.shape[0], x.shape[1], 1])
      let output = gru(sequence)
      return linear(output.reshaped([x.shape[0], -1]))
    }
  }
}
