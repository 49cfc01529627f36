/// What training a classifier produced: accuracies, timing and the learning curve.
public struct TrainingReport: Sendable, Codable, Equatable {
  /// One evaluation during training.
  public struct CurvePoint: Sendable, Codable, Equatable {
    public var step: Int
    public var trainLoss: Float
    public var validationAccuracy: Float?
  }

  public var parameterCount: Int
  /// The best validation accuracy seen during training (nil without a validation set).
  public var bestValidationAccuracy: Float?
  /// Test accuracy of the weights that scored the best validation accuracy (of the final weights without one).
  public var testAccuracy: Float?
  public var finalTrainLoss: Float
  public var seconds: Double
  /// Median wall time of one training step (forward, backward, optimizer), in milliseconds.
  public var millisecondsPerStep: Double
  public var curve: [CurvePoint]
  /// Set when the run stopped early because it could not finish within its time limit.
  public var timeLimitStop: TrainingTimeLimit.Stop?
}
