/// A set of fixed-width input rows with integer class labels, stored row-major.
public struct LabeledSamples: Sendable {
  /// `count * width` input values, row-major.
  public let features: [Float]
  /// One class index per row.
  public let labels: [Int]
  /// The number of values in each row.
  public let width: Int

  public init(features: [Float], labels: [Int], width: Int) {
    precondition(width > 0 && features.count == labels.count * width, "features do not match labels x width")
    self.features = features
    self.labels = labels
    self.width = width
  }

  /// The number of rows.
  public var count: Int { labels.count }

  /// The rows at `indices`, as a `[indices.count, width]` tensor with their labels.
  public func batch(_ indices: some Collection<Int>) -> (inputs: Tensor, labels: [Int]) {
    let inputs = Tensor.empty([indices.count, width])
    var batchLabels: [Int] = []
    batchLabels.reserveCapacity(indices.count)
    features.withUnsafeBufferPointer { source in
      for (row, index) in indices.enumerated() {
        (inputs.basePointer + row * width).update(from: source.baseAddress! + index * width, count: width)
        batchLabels.append(labels[index])
      }
    }
    return (inputs, batchLabels)
  }

  /// The rows at `indices` as a new set.
  public func subset(_ indices: [Int]) -> LabeledSamples {
    var values: [Float] = []
    values.reserveCapacity(indices.count * width)
    for i in indices { values.append(contentsOf: features[(i * width)..<((i + 1) * width)]) }
    return LabeledSamples(features: values, labels: indices.map { labels[$0] }, width: width)
  }
}
