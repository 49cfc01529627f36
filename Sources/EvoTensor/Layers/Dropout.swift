/// `nn.Dropout`: zeroes elements with probability `p` while training.
public final class Dropout: Module {
  public let probability: Float
  private var generator: RandomSource

  public init(_ probability: Float = 0.5, using generator: inout RandomSource) {
    self.probability = probability
    self.generator = generator.fork()
    super.init()
  }

  public override func forward(_ input: Tensor) -> Tensor {
    input.dropout(probability: probability, training: isTraining, using: &generator)
  }
}
