/// The text every candidate program starts with and every prompt ends with (the imports), so that a language
/// model continues a program rather than starting prose. The two directions of that contract live here: a reply
/// becomes a program by following the opening (extraction then parses it, so imports a reply restates are kept
/// once), and a program becomes what the model wrote by dropping the opening (prompt-tuning trains on that).
public struct ProgramOpening: Sendable, Equatable {
  /// The opening, whole lines.
  public var text: String

  public init(_ text: String) {
    self.text = text
  }

  /// The imports of a PyTorch program (`torch`, `torch.nn as nn`, `torch.nn.functional as F`).
  public static let pytorch = ProgramOpening(
    "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n")

  /// The text extraction parses for `reply`: the opening, then the reply (a continuation of the prompt, or a
  /// whole program whose restated imports the parse keeps once).
  public func program(continuing reply: String) -> String { text + reply }

  /// What a model wrote after the opening to give `program` (a candidate's code starts with the opening unless it
  /// was written by hand).
  public func completion(of program: String) -> String {
    program.hasPrefix(text) ? String(program.dropFirst(text.count)) : program
  }
}
