import Foundation

/// Writes the few-shot prompt of the paper: each parent's metrics, then its code; then the target metrics and
/// the opening of a new program for the model to continue.
public struct PromptBuilder: Sendable {
  /// One line describing the task, above the examples.
  public var taskDescription: String
  /// The text a new program starts with; the model continues from here.
  public var programOpening: String

  public init(
    taskDescription: String =
      "PyTorch models for MNIST-1D: input x has shape [batch, 40], the model returns logits of shape [batch, 10].",
    programOpening: String = ProgramOpening.pytorch.text
  ) {
    self.taskDescription = taskDescription
    self.programOpening = programOpening
  }

  /// The marker that starts each example; also a stop sequence, since a completion that reaches it has finished
  /// its program and begun another example.
  public static let metricsMarker = "\"\"\"Metrics:"

  /// The system message for chat models, which otherwise see the few-shot text without being told what to write.
  public static let chatInstruction = """
    You design small PyTorch neural networks. The user shows example models, each preceded by its metrics, and \
    ends with target metrics for a new model. Reply with one complete Python program for a new model that \
    meets the target: imports, then `class Model(nn.Module)` with `__init__` and `forward`, using only torch, \
    torch.nn and torch.nn.functional, in a single ```python code block, with no explanation.
    """

  /// Stop sequences for completions of these prompts.
  public static let stopSequences = [metricsMarker, "\n\n\n\n"]

  /// The metrics line of one example, in the paper's dictionary style.
  public static func metricsLine(_ metrics: ParentMetrics) -> String {
    "\(metricsMarker) {'num_params': \(metrics.params), 'val_accuracy': \(String(format: "%.3f", metrics.validationAccuracy))}\"\"\""
  }

  /// The prompt for parents `(code, metrics)`, ending with the target metrics and `programOpening`.
  public func prompt(parents: [(code: String, metrics: ParentMetrics)]) -> String {
    var text = "# \(taskDescription)\n# Each model is preceded by its number of parameters and validation accuracy.\n\n"
    for parent in parents {
      text += Self.metricsLine(parent.metrics) + "\n"
      text += parent.code.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n"
    }
    text += Self.metricsLine(ParentMetrics.target(for: parents.map(\.metrics))) + "\n"
    text += programOpening
    return text
  }
}
