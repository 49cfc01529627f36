/// The text every candidate program starts with and every prompt ends with (the imports), so that a language
/// model continues a program rather than starting prose. Whatever reads a reply asks this type whether the reply
/// restates the opening (a whole program, as chat models write) or continues after it (a completion).
public struct ProgramOpening: Sendable, Equatable {
  /// The opening, whole lines.
  public var text: String

  public init(_ text: String) {
    self.text = text
  }

  /// The imports of a PyTorch program (`torch`, `torch.nn as nn`, `torch.nn.functional as F`).
  public static let pytorch = ProgramOpening(
    "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n")

  /// Whether `reply` restates the opening: it holds the opening's first line (`import torch`), so it is a whole
  /// program and not a continuation of the prompt.
  public func isRestated(in reply: String) -> Bool {
    guard let first = text.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
      return true
    }
    return reply.contains(first)
  }

  /// The program `reply` stands for: the reply itself when it restates the opening, else the opening followed by
  /// the reply (the continuation of a prompt that ended with the opening).
  public func program(from reply: String) -> String {
    isRestated(in: reply) ? reply : text + reply
  }
}
