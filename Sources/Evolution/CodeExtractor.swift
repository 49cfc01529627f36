import Foundation

/// Finds the program in a language model's reply: a fenced code block in a chat reply, or the raw continuation of
/// the prompt's opening.
public struct CodeExtractor: Sendable {
  /// The text the prompt ended with, which a raw continuation completes.
  public var programOpening: String

  public init(programOpening: String) {
    self.programOpening = programOpening
  }

  /// The program, or nil when the reply holds none (prose, an empty reply, a fragment with no model in it).
  public func extract(from reply: String) -> String? {
    let code: String
    if let fenced = Self.fencedBlocks(in: reply).first(where: Self.looksLikeModel) {
      code = fenced
    } else if reply.contains("```") {
      return nil  // a chat reply whose code blocks hold no model
    } else {
      var continuation = reply
      if let marker = continuation.range(of: PromptBuilder.metricsMarker) {
        continuation = String(continuation[..<marker.lowerBound])
      }
      // A reply that restates the imports is a whole program, not a continuation.
      code = continuation.contains("import torch") ? continuation : programOpening + continuation
    }
    let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
    return Self.looksLikeModel(trimmed) ? trimmed + "\n" : nil
  }

  /// The contents of ``` fenced blocks, in order.
  static func fencedBlocks(in text: String) -> [String] {
    var blocks: [String] = []
    var remaining = text[...]
    while let open = remaining.range(of: "```") {
      let afterFence = remaining[open.upperBound...]
      // Skip the language tag (```python).
      let bodyStart = afterFence.firstIndex(of: "\n").map { afterFence.index(after: $0) } ?? afterFence.endIndex
      let body = afterFence[bodyStart...]
      guard let close = body.range(of: "```") else {
        blocks.append(String(body))  // an unterminated block at the end of a cut-off reply
        break
      }
      blocks.append(String(body[..<close.lowerBound]))
      remaining = body[close.upperBound...]
    }
    return blocks
  }

  /// Whether `code` defines a network at all (a class or a module-level model).
  static func looksLikeModel(_ code: String) -> Bool {
    code.contains("class ") || code.range(of: #"(?m)^model\s*="#, options: .regularExpression) != nil
  }
}
