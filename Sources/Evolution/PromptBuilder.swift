import Foundation

/// Writes the few-shot prompt of the paper: each parent's metrics, then its code; then the target metrics and
/// the opening of a new program for the model to continue.
public struct PromptBuilder: Sendable {
  /// One line describing the task, above the examples.
  public var taskDescription: String
  /// The text a new program starts with; the model continues from here.
  public var programOpening: String
  /// The key of the validation metric in each metrics line (`val_accuracy`, or `val_score` for CLRS).
  public var metricKey: String
  /// The metric in words, for the prompt's header ("validation accuracy").
  public var metricDescription: String
  /// The class that defines the network; extraction keeps it and what it reaches.
  public var modelClassName: String

  public init(
    taskDescription: String =
      "PyTorch models for MNIST-1D: input x has shape [batch, 40], the model returns logits of shape [batch, 10].",
    programOpening: String = ProgramOpening.pytorch.text, metricKey: String = "val_accuracy",
    metricDescription: String = "validation accuracy", modelClassName: String = "Model"
  ) {
    self.taskDescription = taskDescription
    self.programOpening = programOpening
    self.metricKey = metricKey
    self.metricDescription = metricDescription
    self.modelClassName = modelClassName
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
  public static func metricsLine(_ metrics: ParentMetrics, metricKey: String = "val_accuracy") -> String {
    "\(metricsMarker) {'num_params': \(metrics.params), '\(metricKey)': \(String(format: "%.3f", metrics.validationAccuracy))}\"\"\""
  }

  /// The prompt for parents `(code, metrics)`, ending with the target metrics and `programOpening`. The paper's
  /// style is the default; the other styles are novelty levers (`PromptStyle`).
  public func prompt(parents: [(code: String, metrics: ParentMetrics)], style: PromptStyle = .paper) -> String {
    var text =
      "# \(taskDescription)\n# Each model is preceded by its number of parameters and \(metricDescription).\n\n"
    for parent in parents {
      text += Self.metricsLine(parent.metrics, metricKey: metricKey) + "\n"
      text += parent.code.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n"
    }
    let target =
      style == .shrink
      ? ParentMetrics.shrinkTarget(for: parents.map(\.metrics)) : ParentMetrics.target(for: parents.map(\.metrics))
    switch style {
    case .paper: break
    case .novelty:
      let low = ParentMetrics.shrinkTarget(for: parents.map(\.metrics)).params
      text +=
        "# The next model is new: it differs from every model above in its layers, their sizes or how they "
        + "connect, and has \(low) to \(target.params) parameters.\n"
    case .edit(let part):
      text += "# The next model is the model above with its \(part) rewritten; everything else stays the same.\n"
    case .shrink:
      text +=
        "# The next model is the model above made smaller, about \(target.params) parameters: narrower layers or "
        + "fewer of them; everything else stays the same.\n"
    }
    text += Self.metricsLine(target, metricKey: metricKey) + "\n"
    text += programOpening
    return text
  }

  /// The parents' programs shown in a prompt this builder wrote, in order (what a child may use without defining).
  public static func parentPrograms(inPrompt prompt: String) -> [String] {
    var blocks: [[Substring]] = []
    for line in prompt.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(metricsMarker) {
        blocks.append([])
      } else if !blocks.isEmpty {
        blocks[blocks.count - 1].append(line)
      }
    }
    // The last block follows the target metrics: it is the opening of the child, not a parent.
    return blocks.dropLast().map { $0.joined(separator: "\n") }
  }

  /// The parts an edit-style prompt asks to rewrite; one is drawn per edit prompt.
  public static let editParts = [
    "layer widths", "first layer", "last layers", "activation functions", "forward pass", "number of layers",
    "normalisation and pooling",
  ]
}

/// How a prompt asks for the child.
public enum PromptStyle: Sendable, Equatable {
  /// The paper's: examples with metrics, then the target metrics.
  case paper
  /// Novelty lever (a): the target line asks for a model unlike the examples, within a range of sizes.
  case novelty
  /// Novelty lever (b): one parent, rewritten in one part (`PromptBuilder.editParts`).
  case edit(part: String)
  /// Front lever: one small parent from the Pareto front, asked for at about half its size
  /// (`ParentMetrics.shrinkTarget`).
  case shrink
}
