/// A set of fixed-length examples with class labels, inputs stored row-major `[count, featureCount]`.
public struct LabeledExamples: Sendable, Equatable {
  /// The number of values in one example.
  public let featureCount: Int
  /// Inputs, row-major `[count, featureCount]`.
  public let inputs: [Float]
  /// One class index per example.
  public let labels: [Int32]

  /// Wraps inputs and labels; their sizes must agree.
  public init(featureCount: Int, inputs: [Float], labels: [Int32]) {
    precondition(inputs.count == labels.count * featureCount, "inputs and labels disagree on the example count")
    self.featureCount = featureCount
    self.inputs = inputs
    self.labels = labels
  }

  /// The number of examples.
  public var count: Int { labels.count }

  /// The values of example `index`.
  public func example(_ index: Int) -> ArraySlice<Float> {
    inputs[(index * featureCount)..<((index + 1) * featureCount)]
  }

  /// How many examples each class has, indexed by class.
  public func classCounts(classCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[Int(label)] += 1 }
    return counts
  }
}
