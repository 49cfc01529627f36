import ArchLang
import Foundation
import LanguageModels

/// Samples programs from an embedded model so that they stay valid while it writes: each token must keep the text
/// a viable prefix (`PrefixChecker`), each completed statement is run (`LineVerifier`), and a line that fails is
/// banned and resampled from the model's distribution (KV cache rewound to the line's first token).
public final class ConstrainedProposer {
  /// The model.
  public let model: EmbeddedLanguageModel
  /// The emittable text of every token.
  public let vocabulary: TokenVocabulary
  /// How many allowed candidates each step keeps.
  public var filter = CandidateFilter()
  /// The per-line checks.
  public var verifier = LineVerifier()
  /// Most lines resampled per program before giving up.
  public var maximumBacktracks = 40

  /// Rejections of one statement after which the layer it calls is rebuilt instead.
  static let rejectionsBeforeRevisingDefinition = 2

  /// The index in `lines` of the `__init__` line that assigned the last `self.name` the failing `line` calls.
  static func definitionToRevise(for line: CommittedLine, among lines: [CommittedLine]) -> Int? {
    guard line.functionName == "forward" else { return nil }
    var called: [String] = []
    var remaining = line.text[...]
    while let range = remaining.range(of: "self.") {
      let name = remaining[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      let after = remaining[range.upperBound...].dropFirst(name.count)
      if after.first == "(" { called.append(String(name)) }
      remaining = after
    }
    guard let attribute = called.last else { return nil }
    return lines.lastIndex {
      $0.className == line.className && $0.functionName == "__init__" && $0.targets.contains("self." + attribute)
    }
  }

  /// Prepares constrained sampling with `model` (decodes the vocabulary once).
  public init(model: EmbeddedLanguageModel) {
    self.model = model
    vocabulary = TokenVocabulary(tokenizer: model.tokenizer)
  }

  /// Samples one program continuing `prompt`, which must end with `opening` (whole lines, e.g. the imports of
  /// `PromptBuilder.programOpening`). Uses `parameters`' temperature, top-p, seed and `maxTokens` (sampled tokens,
  /// discarded ones included); stop sequences are not needed, the program ends at `Model.forward`'s return.
  public func propose(prompt: String, opening: String, parameters: SamplingParameters) throws -> ConstrainedProposal {
    let promptTokens = model.tokenize(prompt)
    let session = model.makeSession()
    let promptStart = DispatchTime.now().uptimeNanoseconds
    try session.evaluate(tokens: promptTokens)
    let promptSeconds = Double(DispatchTime.now().uptimeNanoseconds - promptStart) / 1e9
    let promptEnd = session.position
    let promptLogits = session.logits
    let start = DispatchTime.now().uptimeNanoseconds

    var openingChecker = PrefixChecker()
    for line in opening.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      openingChecker.commit(String(line))
    }
    var sampler = TokenSampler(parameters: parameters, seed: parameters.seed)
    var tokens: [Int] = []
    var tokenEnds: [Int] = []  // UTF-8 length of `text` after each token
    var text: [UInt8] = []
    var checker = openingChecker
    var partialLine: [UInt8] = []
    var lineStarts: [Int] = [0]  // offset in `text` of each line of the generated text
    var generatedLines: [CommittedLine] = []  // the complete generated lines, in order
    var rejections: [Int: Int] = [:]  // rejections per line number
    var banned: Set<String> = []
    var logits = promptLogits
    var sampled = 0
    var backtracks = 0
    var finished = false
    var failure: String?

    /// Rewinds to the last token boundary at or before `offset`, rebuilding the checker and the logits.
    func rewind(to offset: Int) throws {
      var keep = tokens.count
      while keep > 0 && tokenEnds[keep - 1] > offset { keep -= 1 }
      tokens.removeSubrange(keep...)
      tokenEnds.removeSubrange(keep...)
      text.removeSubrange((keep > 0 ? tokenEnds[keep - 1] : 0)...)
      checker = openingChecker
      checker.bannedLines = banned
      partialLine = []
      lineStarts = [0]
      generatedLines = []
      for (index, byte) in text.enumerated() {
        if byte == 0x0A {
          if let line = checker.commit(String(decoding: partialLine, as: UTF8.self)) { generatedLines.append(line) }
          partialLine = []
          lineStarts.append(index + 1)
        } else {
          partialLine.append(byte)
        }
      }
      if keep == 0 {
        session.truncate(to: promptEnd)
        logits = promptLogits
      } else {
        session.truncate(to: promptEnd + keep - 1)
        try session.evaluate(tokens: [tokens[keep - 1]])
        logits = session.logits
      }
    }

    generation: while sampled < parameters.maxTokens {
      let partial = String(decoding: partialLine, as: UTF8.self)
      let allowed = filter.allowedTokens(logits: logits, vocabulary: vocabulary) { _, candidate in
        checker.accepts(candidate, after: partial)
      }
      if allowed.isEmpty {
        // A dead end (every continuation banned or impossible): resample the line from its start.
        backtracks += 1
        guard backtracks <= maximumBacktracks, let lineStart = lineStarts.last, lineStart > 0 || !text.isEmpty else {
          failure = "no allowed continuation"
          break
        }
        try rewind(to: lineStarts.count > 1 && partialLine.isEmpty ? lineStarts[lineStarts.count - 2] : lineStart)
        continue
      }
      var masked = CandidateFilter.mask(logits, keeping: allowed)
      let token = sampler.sample(logits: &masked, history: promptTokens + tokens)
      sampled += 1
      tokens.append(token)
      for byte in (vocabulary.texts[token] ?? "").utf8 {
        text.append(byte)
        guard byte == 0x0A else {
          partialLine.append(byte)
          continue
        }
        let lineText = String(decoding: partialLine, as: UTF8.self)
        let lineStart = lineStarts[lineStarts.count - 1]
        guard let line = checker.commit(lineText) else {
          failure = "internal: accepted token left an invalid line"
          break generation
        }
        partialLine = []
        lineStarts.append(text.count)
        generatedLines.append(line)
        let source = opening + String(decoding: text, as: UTF8.self)
        let verdict = verifier.verify(
          line, source: source, forwardInput: line.className.flatMap { checker.forwardInputs[$0] })
        switch verdict {
        case .accepted:
          continue
        case .finished:
          tokenEnds.append(text.count)
          finished = true
          break generation
        case .rejected(let reason):
          banned.insert(PrefixChecker.banKey(lineNumber: line.lineNumber, codeKey: line.codeKey))
          backtracks += 1
          guard backtracks <= maximumBacktracks else {
            failure = "retry budget spent; last rejection: \(reason)"
            tokenEnds.append(text.count)
            break generation
          }
          tokenEnds.append(text.count)
          rejections[line.lineNumber, default: 0] += 1
          if rejections[line.lineNumber, default: 0] >= Self.rejectionsBeforeRevisingDefinition,
            let definition = Self.definitionToRevise(for: line, among: generatedLines)
          {
            // The statement keeps failing on a layer built earlier (e.g. a Linear with the wrong in_features):
            // resample that layer's line instead, and everything after it.
            banned.insert(PrefixChecker.banKey(lineNumber: generatedLines[definition].lineNumber, codeKey: generatedLines[definition].codeKey))
            rejections = rejections.filter { $0.key < generatedLines[definition].lineNumber }
            try rewind(to: lineStarts[definition])
          } else {
            try rewind(to: lineStart)
          }
          continue generation
        }
      }
      tokenEnds.append(text.count)
      if session.position >= session.maxContext {
        failure = "context full"
        break
      }
      try session.evaluate(tokens: [token])
      logits = session.logits
    }
    if !finished && failure == nil { failure = "token limit (\(parameters.maxTokens)) reached" }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return ConstrainedProposal(
      code: opening + String(decoding: text, as: UTF8.self), finished: finished, failure: failure,
      sampledTokens: sampled, programTokens: tokens.count, backtracks: backtracks, decodeSeconds: seconds,
      promptSeconds: promptSeconds)
  }
}
