import MemberwiseInit

/// What a classification task asks of a model: the input shape, the number of classes and the split sizes.
///
/// The evolution loop and the architecture language read this to build and check candidate programs
/// without touching the data.
@MemberwiseInit
public struct TaskDescription: Sendable, Equatable, Codable {
  /// A short identifier, e.g. `mnist1d`.
  public var name: String
  /// The shape of one example without the batch dimension, e.g. `[40]`.
  public var inputShape: [Int]
  /// The number of output classes (the width of the logits).
  public var classCount: Int
  /// Examples used for gradient steps.
  public var trainCount: Int
  /// Examples used to pick the best checkpoint and to score fitness.
  public var validationCount: Int
  /// Examples reported at the end only.
  public var testCount: Int

  /// The number of values in one example (the product of `inputShape`).
  public var inputSize: Int { inputShape.reduce(1, *) }

  /// MNIST-1D as the EvoPrompting paper uses it: 40 inputs, 10 classes, 3,500 / 500 / 1,000 examples.
  public static let mnist1d = TaskDescription(
    name: "mnist1d", inputShape: [40], classCount: 10, trainCount: 3_500, validationCount: 500, testCount: 1_000)
}
