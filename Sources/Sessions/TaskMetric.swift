/// How a task's validation and test numbers are named wherever people read them (the report's table, the headless
/// lines, the terminal UI, study): MNIST-1D's are accuracies; a CLRS task's (`clrs:…`) are dm-clrs's scores
/// (micro-F1 for masks, accuracy for pointers, the mean over outputs). The log keeps one field for both
/// (`validation_accuracy`), so old readers keep working.
public struct TaskMetric: Sendable, Equatable {
  /// The metric in words: "accuracy" or "score".
  public var name: String
  /// A column or series title for the validation metric: "val acc" or "val score".
  public var validationTitle: String
  /// A column title for the test metric: "test acc" or "test score".
  public var testTitle: String
  /// What a line puts before a validation and a test number: "val"/"test" for accuracies (`val 91.2%`), "val
  /// score"/"test score" for scores.
  public var validationLabel: String
  public var testLabel: String

  /// The validation error the search minimises, in words: "validation error (1 - val acc)".
  public var errorTitle: String { "validation error (1 - \(validationTitle))" }

  /// The metric of the task named `task` (a session's `run_configured` task; nil reads as MNIST-1D).
  public static func of(task: String?) -> TaskMetric {
    if let task, task.hasPrefix("clrs:") {
      return TaskMetric(
        name: "score", validationTitle: "val score", testTitle: "test score", validationLabel: "val score",
        testLabel: "test score")
    }
    return TaskMetric(
      name: "accuracy", validationTitle: "val acc", testTitle: "test acc", validationLabel: "val", testLabel: "test")
  }
}
