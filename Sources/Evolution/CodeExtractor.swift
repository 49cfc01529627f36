import Foundation
import MemberwiseInit

/// Finds the program in a language model's reply and keeps the model in it.
///
/// The code is a fenced block of a chat reply, or the raw continuation of the prompt's opening. It is then parsed
/// with the architecture language's parser (up to the first statement that does not parse) and reduced to the model
/// and what it reaches (`ModelClosure`); helpers the model uses that only the prompt's parents define are carried in.
/// Constrained and unconstrained proposals, chat and completion replies all go through this one path.
@MemberwiseInit
public struct CodeExtractor: Sendable {
  /// The text the prompt ended with, which a raw continuation completes.
  public var programOpening: String
  /// The programs of the prompt's parents, in prompt order: names they define are in scope for the child.
  public var parentPrograms: [String] = []
  /// The class that defines the network (`Model`; `TripletMessages` for CLRS), kept first when a reply defines it.
  public var modelClassName: String = "Model"

  /// The program, or nil when the reply holds none.
  public func extract(from reply: String) -> String? {
    extraction(from: reply).code
  }

  /// The program with what was dropped and carried, or why there is none.
  public func extraction(from reply: String) -> ProgramExtraction {
    let code: String
    if let fenced = Self.fencedBlocks(in: reply).first(where: Self.looksLikeModel) {
      // A chat reply may leave out the imports the prompt showed; the opening supplies them (each import once).
      code = ProgramOpening(programOpening).program(continuing: fenced)
    } else if let fence = reply.range(of: "```"), !Self.looksLikeModel(String(reply[..<fence.lowerBound])) {
      return ProgramExtraction(code: nil, failure: ExtractionFailure("the reply's code blocks hold no model"))
    } else {
      // A raw continuation, up to any fence it went on to write.
      var continuation = String(reply[..<(reply.range(of: "```")?.lowerBound ?? reply.endIndex)])
      if let marker = continuation.range(of: PromptBuilder.metricsMarker) {
        continuation = String(continuation[..<marker.lowerBound])
      }
      code = ProgramOpening(programOpening).program(continuing: continuation)
    }
    guard Self.looksLikeModel(code) else {
      let message =
        reply.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        ? "the reply is empty" : "the reply contains no program (no class and no `model = ...`)"
      return ProgramExtraction(code: nil, failure: ExtractionFailure(message))
    }
    let closure = ModelClosure(
      reply: ParsedModule(code), parents: parentPrograms.map { ParsedModule($0) }, modelClassName: modelClassName)
    return closure.extract()
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

  /// Whether `code` could define a network at all (a class or a module-level model).
  static func looksLikeModel(_ code: String) -> Bool {
    code.contains("class ") || code.range(of: #"(?m)^model\s*="#, options: .regularExpression) != nil
  }
}
