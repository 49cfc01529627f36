/// `nn.Embedding`: a table of `entries` vectors of `width`, looked up by integer index.
public final class Embedding: Module {
  public let entries: Int
  public let width: Int
  public let paddingIndex: Int?
  public let weight: Tensor

  public init(_ entries: Int, _ width: Int, paddingIndex: Int? = nil, using generator: inout RandomSource) {
    self.entries = entries
    self.width = width
    self.paddingIndex = paddingIndex
    weight = Initialization.normal([entries, width], using: &generator)
    if let paddingIndex { (weight.basePointer + paddingIndex * width).update(repeating: 0, count: width) }
    super.init()
    registerParameter("weight", weight)
  }

  /// Looks up the rows named by `indices` (a tensor of whole numbers).
  public override func forward(_ indices: Tensor) -> Tensor {
    let values = indices.scalars.map { Int($0) }
    return Tensor.embedding(indices: values, shape: indices.shape, table: weight, paddingIndex: paddingIndex)
  }
}
