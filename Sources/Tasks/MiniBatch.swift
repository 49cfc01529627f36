import EvoTensor

/// A batch of examples copied into contiguous storage, ready to become a `[count, featureCount]` tensor.
public struct MiniBatch: Sendable, Equatable {
  /// The number of values in one example.
  public let featureCount: Int
  /// Inputs, row-major `[count, featureCount]`.
  public let inputs: [Float]
  /// One class index per example.
  public let labels: [Int32]
  /// The positions of these examples in the source set, in batch order.
  public let indices: [Int]

  /// Wraps a batch; sizes must agree.
  public init(featureCount: Int, inputs: [Float], labels: [Int32], indices: [Int]) {
    precondition(inputs.count == labels.count * featureCount && labels.count == indices.count, "batch sizes disagree")
    self.featureCount = featureCount
    self.inputs = inputs
    self.labels = labels
    self.indices = indices
  }

  /// The number of examples.
  public var count: Int { labels.count }
}

extension MiniBatch {
  /// The inputs as a `[count, featureCount]` tensor.
  public var inputTensor: Tensor { Tensor(inputs, shape: [count, featureCount]) }

  /// The labels as class indices for a loss.
  public var classIndices: [Int] { labels.map { Int($0) } }
}
