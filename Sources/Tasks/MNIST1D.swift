/// The MNIST-1D dataset (Greydanus & Kobak): ten classes of 1-D signals, 4,000 training and 1,000 test examples.
///
/// Make one with `MNIST1D.generate(seed:)`, or read the `mnist1d` package's own arrays with
/// `MNIST1D.load(directory:)` or `MNIST1D.load(npz:)`. Inputs are row-major `[count, sequenceLength]`.
public struct MNIST1D: Sendable, Equatable {
  /// The number of values in one example.
  public let sequenceLength: Int
  /// Training inputs, row-major `[trainCount, sequenceLength]`.
  public let xTrain: [Float]
  /// Training labels in `0..<10`.
  public let yTrain: [Int32]
  /// Test inputs, row-major `[testCount, sequenceLength]`.
  public let xTest: [Float]
  /// Test labels in `0..<10`.
  public let yTest: [Int32]

  /// The number of classes (digits 0 to 9).
  public static let classCount = 10
  /// Training examples held out for validation, as the EvoPrompting paper does.
  public static let standardValidationCount = 500

  /// Wraps arrays that already have the MNIST-1D layout; throws if their sizes disagree or a label is out of range.
  public init(sequenceLength: Int, xTrain: [Float], yTrain: [Int32], xTest: [Float], yTest: [Int32]) throws {
    guard sequenceLength > 0 else { throw TasksError.invalidData("sequence length must be positive") }
    guard xTrain.count == yTrain.count * sequenceLength else {
      throw TasksError.invalidData(
        "training inputs hold \(xTrain.count) values, expected \(yTrain.count) x \(sequenceLength)")
    }
    guard xTest.count == yTest.count * sequenceLength else {
      throw TasksError.invalidData(
        "test inputs hold \(xTest.count) values, expected \(yTest.count) x \(sequenceLength)")
    }
    let classes = Int32(Self.classCount)
    if let bad = (yTrain + yTest).first(where: { $0 < 0 || $0 >= classes }) {
      throw TasksError.invalidData("label \(bad) is outside 0..<\(classes)")
    }
    self.sequenceLength = sequenceLength
    self.xTrain = xTrain
    self.yTrain = yTrain
    self.xTest = xTest
    self.yTest = yTest
  }

  /// The number of training examples (before any validation hold-out).
  public var trainCount: Int { yTrain.count }
  /// The number of test examples.
  public var testCount: Int { yTest.count }

  /// The examples `splits()` holds out for validation: the paper's 500, or half the training set if that is smaller.
  public var defaultValidationCount: Int { min(Self.standardValidationCount, trainCount / 2) }

  /// The task this dataset poses: classify a `[sequenceLength]` signal into 10 classes, with `splits()`'s sizes.
  public var task: TaskDescription {
    TaskDescription(
      name: "mnist1d", inputShape: [sequenceLength], classCount: Self.classCount,
      trainCount: trainCount - defaultValidationCount,
      validationCount: defaultValidationCount, testCount: testCount)
  }

  /// Train / validation / test, holding out the **last** `validationCount` training examples for validation
  /// (`defaultValidationCount` when nil).
  ///
  /// The examples are already in random order (the generator shuffles them), so the last ones are a random
  /// sample, and the choice is the same for everyone who reads the same arrays.
  public func splits(validationCount: Int? = nil) -> DatasetSplits {
    let validationCount = validationCount ?? defaultValidationCount
    precondition(validationCount >= 0 && validationCount < trainCount, "validation must leave training examples")
    let keep = trainCount - validationCount
    let boundary = keep * sequenceLength
    return DatasetSplits(
      train: LabeledExamples(
        featureCount: sequenceLength, inputs: Array(xTrain[..<boundary]), labels: Array(yTrain[..<keep])),
      validation: LabeledExamples(
        featureCount: sequenceLength, inputs: Array(xTrain[boundary...]), labels: Array(yTrain[keep...])),
      test: LabeledExamples(featureCount: sequenceLength, inputs: xTest, labels: yTest))
  }
}
