/// The three disjoint parts of a dataset: gradient steps use `train`, model selection `validation`, reporting `test`.
public struct DatasetSplits: Sendable, Equatable {
  /// Examples for gradient steps.
  public let train: LabeledExamples
  /// Held-out training examples for choosing checkpoints and scoring fitness.
  public let validation: LabeledExamples
  /// The test set, reported only.
  public let test: LabeledExamples

  /// Groups three example sets; they must share a feature count.
  public init(train: LabeledExamples, validation: LabeledExamples, test: LabeledExamples) {
    precondition(
      train.featureCount == validation.featureCount && train.featureCount == test.featureCount,
      "splits must share a feature count")
    self.train = train
    self.validation = validation
    self.test = test
  }
}
