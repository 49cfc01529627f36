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
  /// Tokens sampled per program, discarded ones included and over all attempts, as a multiple of the kept-token
  /// limit. Up to 6 attempts: measured on 32 MNIST-1D prompts, a proposal that has failed some attempts still
  /// finishes at the next one about a third of the time, and a failed proposal is a lost child.
  public var sampledTokenAllowance = 8
  /// Tokens sampled per attempt, as a multiple of the kept-token limit: an attempt that has not finished by then
  /// has usually wandered into a structure it cannot complete, and a fresh attempt (new seed) does better than
  /// more resampling.
  public var attemptTokenAllowance = 1.25
  /// Classes allowed before `Model`: 0 keeps a program to one class (small models copy a seed's block class
  /// and then cannot use it consistently).
  public var maximumHelperClasses = 0
  /// Whether `Model.__init__` is kept to what the size checks can steer (see `PrefixChecker.steersLayerSizes`). On
  /// by default: a small model gives parameters defaults that fit no layer (`input_size=32768`, `output_size=3`)
  /// and then sizes every layer with them.
  public var steersLayerSizes = true
  /// Told about every rejected line and why (diagnostics).
  public var onRejection: ((_ line: String, _ reason: String) -> Void)?

  /// Rejections of one statement after which the layer it calls is rebuilt instead.
  static let rejectionsBeforeRevisingDefinition = 2
  /// Tokens taken back one at a time (dead ends) per program before whole lines are resampled instead.
  static let maximumTokenBacktracks = 200
  /// Rejections of one line after which the statement before it is resampled too.
  static let rejectionsBeforeRevisingPreviousLine = 4

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

  /// Prepares constrained sampling with `model` (the vocabulary is decoded once per process).
  public init(model: EmbeddedLanguageModel) {
    self.model = model
    vocabulary = TokenVocabulary.shared(for: model.tokenizer)
  }

  /// Samples one program continuing `prompt`, which must end with `opening` (whole lines, e.g. the imports of
  /// `PromptBuilder.programOpening`). Uses `parameters`' temperature, top-p, seed and `maxTokens` (tokens the
  /// program may keep; `sampledTokenAllowance` times as many may be sampled); stop sequences are not needed, the
  /// program ends at `Model.forward`'s return.
  /// A `softPrompt` (prompt-tuning's learned vectors) is read before the prompt's tokens.
  public func propose(
    prompt: String, opening: String, parameters: SamplingParameters, softPrompt: SoftPrompt? = nil
  ) throws -> ConstrainedProposal {
    let promptTokens = model.tokenize(prompt)
    // Every sample of a prompt continues from one evaluation of it (the model keeps the state after it).
    let (session, promptSeconds) = try model.promptSession(tokens: promptTokens, softPrompt: softPrompt)
    let promptEnd = session.position
    let promptLogits = session.logits
    let start = DispatchTime.now().uptimeNanoseconds

    var openingChecker = PrefixChecker()
    openingChecker.maximumHelperClasses = maximumHelperClasses
    openingChecker.steersLayerSizes = steersLayerSizes
    for line in opening.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      openingChecker.commit(String(line))
    }
    var sampler = TokenSampler(parameters: parameters, seed: parameters.seed)
    var state = ProposalAttempt(checker: openingChecker)
    var logits = promptLogits
    var sampled = 0
    var finished = false

    /// Rewinds to the last token boundary at or before `offset`, rebuilding the checker and the logits.
    func rewind(to offset: Int) throws {
      var keep = state.tokens.count
      while keep > 0 && state.tokenEnds[keep - 1] > offset { keep -= 1 }
      state.tokens.removeSubrange(keep...)
      state.tokenEnds.removeSubrange(keep...)
      state.text.removeSubrange((keep > 0 ? state.tokenEnds[keep - 1] : 0)...)
      state.checker = openingChecker
      state.checker.bannedLines = state.banned
      state.checker.restrictsReturns = state.restrictReturns
      state.partialLine = []
      state.lineStarts = [0]
      state.generatedLines = []
      let keptHints = state.lineHints
      state.lineHints = []
      for (index, byte) in state.text.enumerated() {
        if byte == 0x0A {
          if let line = state.checker.commit(String(decoding: state.partialLine, as: UTF8.self)) {
            state.generatedLines.append(line)
            let hints = state.generatedLines.count <= keptHints.count ? keptHints[state.generatedLines.count - 1] : nil
            state.lineHints.append(hints)
            if let hints { state.checker.shapeHints = hints }
          }
          state.partialLine = []
          state.lineStarts.append(index + 1)
        } else {
          state.partialLine.append(byte)
        }
      }
      if keep == 0 {
        session.truncate(to: promptEnd)
        logits = promptLogits
      } else {
        session.truncate(to: promptEnd + keep - 1)
        try session.evaluate(tokens: [state.tokens[keep - 1]])
        logits = session.logits
      }
    }

    let totalBudget = sampledTokenAllowance * parameters.maxTokens
    let attemptBudget = Int(attemptTokenAllowance * Double(parameters.maxTokens))
    var attempts = 0
    var totalBacktracks = 0
    attempt: while true {
      if attempts > 0 {
        // A fresh attempt: the same prompt, a new seed, nothing kept of the last one.
        sampler = TokenSampler(
          parameters: parameters, seed: parameters.seed &+ UInt64(attempts) &* 0x9E37_79B9_7F4A_7C15)
        totalBacktracks += state.backtracks
        state = ProposalAttempt(checker: openingChecker)
        session.truncate(to: promptEnd)
        logits = promptLogits
      }
      attempts += 1
      let attemptStart = sampled
      generation: while state.tokens.count < parameters.maxTokens && sampled - attemptStart < attemptBudget
        && sampled < totalBudget
      {
        let partial = String(decoding: state.partialLine, as: UTF8.self)
        // Structure may be forced at the start of a line (e.g. `def forward` once `__init__` is full); mid-line,
        // only continuations the model finds plausible are taken, else the line is resampled.
        let atLineStart = state.partialLine.allSatisfy { $0 == 0x20 }
        let deadEnds = state.bannedNext[state.text.hashValue] ?? []
        let allowed = filter.allowedTokens(logits: logits, vocabulary: vocabulary, includeUnlikely: atLineStart) {
          token, candidate in
          !deadEnds.contains(token) && state.checker.accepts(candidate, after: partial)
        }
        if allowed.isEmpty, !state.tokens.isEmpty, state.tokenBacktracks < Self.maximumTokenBacktracks,
          (state.tokenEnds.count > 1 ? state.tokenEnds[state.tokenEnds.count - 2] : 0) >= (state.lineStarts.last ?? 0)
            || state.lineStarts.count > 1
        {
          // Depth-first: take back the last token and never choose it again after the same text.
          state.tokenBacktracks += 1
          let previousEnd = state.tokens.count > 1 ? state.tokenEnds[state.tokens.count - 2] : 0
          state.bannedNext[Array(state.text.prefix(previousEnd)).hashValue, default: []].insert(
            state.tokens[state.tokens.count - 1])
          try rewind(to: previousEnd)
          continue
        }
        if allowed.isEmpty {
          // A dead end (every continuation banned or impossible): resample the line from its start.
          onRejection?(String(decoding: state.partialLine, as: UTF8.self), "dead end: no token continues this line")
          state.rejections[state.checker.lineNumber, default: 0] += 1
          if state.rejections[state.checker.lineNumber, default: 0] >= Self.rejectionsBeforeRevisingPreviousLine,
            let previous = state.generatedLines.lastIndex(where: { $0.kind == .assignment })
          {
            state.banned.insert(
              PrefixChecker.banKey(
                lineNumber: state.generatedLines[previous].lineNumber, codeKey: state.generatedLines[previous].codeKey))
            state.rejections = state.rejections.filter { $0.key < state.generatedLines[previous].lineNumber }
            state.backtracks += 1
            guard state.backtracks <= maximumBacktracks else {
              state.failure = "no allowed continuation"
              break
            }
            try rewind(to: state.lineStarts[previous])
            continue
          }
          state.backtracks += 1
          guard state.backtracks <= maximumBacktracks, let lineStart = state.lineStarts.last,
            lineStart > 0 || !state.text.isEmpty
          else {
            state.failure = "no allowed continuation"
            break
          }
          try rewind(
            to: state.lineStarts.count > 1 && state.partialLine.isEmpty
              ? state.lineStarts[state.lineStarts.count - 2] : lineStart)
          continue
        }
        var masked = CandidateFilter.mask(logits, keeping: allowed)
        let token = sampler.sample(logits: &masked, history: promptTokens + state.tokens)
        sampled += 1
        state.tokens.append(token)
        for byte in (vocabulary.texts[token] ?? "").utf8 {
          state.text.append(byte)
          guard byte == 0x0A else {
            state.partialLine.append(byte)
            continue
          }
          let lineText = String(decoding: state.partialLine, as: UTF8.self)
          let lineStart = state.lineStarts[state.lineStarts.count - 1]
          guard let line = state.checker.commit(lineText) else {
            state.failure = "internal: accepted token left an invalid line"
            break generation
          }
          state.partialLine = []
          state.lineStarts.append(state.text.count)
          state.generatedLines.append(line)
          let source = opening + String(decoding: state.text, as: UTF8.self)
          let (verdict, hints) = verifier.verifyWithHints(
            line, source: source, forwardInput: line.className.flatMap { state.checker.forwardInputs[$0] },
            locals: Array(state.checker.locals),
            isFinalInitializerStatement: line.functionName == "__init__"
              && state.checker.statementCount >= PrefixChecker.maximumInitializerStatements)
          state.lineHints.append(hints)
          if let hints { state.checker.shapeHints = hints }
          switch verdict {
          case .accepted:
            continue
          case .finished:
            state.tokenEnds.append(state.text.count)
            finished = true
            break generation
          case .rejected(let reason):
            onRejection?(line.text, reason)
            if line.kind == .returnStatement { state.restrictReturns = true }
            // The header is right; what comes before it is what must change.
            if line.kind != .functionHeader {
              state.banned.insert(PrefixChecker.banKey(lineNumber: line.lineNumber, codeKey: line.codeKey))
            }
            state.backtracks += 1
            guard state.backtracks <= maximumBacktracks else {
              state.failure = "retry budget spent; last rejection: \(reason)"
              state.tokenEnds.append(state.text.count)
              break generation
            }
            state.tokenEnds.append(state.text.count)
            state.rejections[line.lineNumber, default: 0] += 1
            let rejectionCount = state.rejections[line.lineNumber, default: 0]
            let definition =
              rejectionCount >= Self.rejectionsBeforeRevisingDefinition
              ? Self.definitionToRevise(for: line, among: state.generatedLines) : nil
            // A rejected `def forward` (no layer gives the class scores) is never fixed by rewriting the header:
            // the last layer of `__init__` is resampled instead.
            let previous =
              line.kind == .functionHeader
              ? state.generatedLines.dropLast().lastIndex { $0.kind == .assignment && $0.functionName == "__init__" }
              : rejectionCount >= Self.rejectionsBeforeRevisingPreviousLine
                ? state.generatedLines.dropLast().lastIndex {
                  $0.kind == .assignment && $0.functionName == line.functionName
                }
                : nil
            if let definition = definition ?? previous {
              // The statement keeps failing on a layer built earlier (e.g. a Linear with the wrong in_features):
              // resample that layer's line instead, and everything after it.
              state.banned.insert(
                PrefixChecker.banKey(
                  lineNumber: state.generatedLines[definition].lineNumber,
                  codeKey: state.generatedLines[definition].codeKey))
              state.rejections = state.rejections.filter { $0.key < state.generatedLines[definition].lineNumber }
              try rewind(to: state.lineStarts[definition])
            } else {
              try rewind(to: lineStart)
            }
            continue generation
          }
        }
        state.tokenEnds.append(state.text.count)
        if session.position >= session.maxContext {
          state.failure = "context full"
          break
        }
        try session.evaluate(tokens: [token])
        logits = session.logits
      }
      if !finished && state.failure == nil {
        state.failure =
          "token limit reached (\(state.tokens.count) kept of \(parameters.maxTokens), \(sampled - attemptStart) sampled)"
      }
      // Another attempt when this one failed and at least half an attempt's budget is left.
      if finished || totalBudget - sampled < attemptBudget / 2 { break attempt }
    }
    totalBacktracks += state.backtracks
    if let reason = state.failure, attempts > 1 { state.failure = "\(attempts) attempts; the last: \(reason)" }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return ConstrainedProposal(
      code: opening + String(decoding: state.text, as: UTF8.self), finished: finished, failure: state.failure,
      sampledTokens: sampled, programTokens: state.tokens.count, backtracks: totalBacktracks, attempts: attempts,
      decodeSeconds: seconds,
      promptSeconds: promptSeconds)
  }
}
