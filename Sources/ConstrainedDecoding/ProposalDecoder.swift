import Foundation
import LanguageModels
import Randomness

/// One proposal being decoded: the model session after the prompt, the attempt under way, and the budgets. Each
/// step samples a token the prefix checker allows; when none is allowed or a finished line fails its check, one of
/// four recovery strategies takes over, each a method here:
///
/// 1. `takeBackLastToken()`: depth-first, the last token is undone and never chosen again after the same text;
/// 2. `resampleDeadEndLine()`: when token backtracking is spent, the line is written again from its start (or,
///    after repeated dead ends, the assignment before it);
/// 3. `reviseAfterRejection(of:)`: a line that fails its check is banned and resampled, or the layer definition or
///    earlier line it keeps failing on is;
/// 4. `startFreshAttempt()`: an attempt that wandered starts over with a new seed.
///
/// A program that finishes computing what a program of `distinctFrom` computes is a copy, not a child:
/// `rewriteCopy(of:)` bans one of its layer definitions and decodes on from there.
struct ProposalDecoder {
  /// What a step did.
  enum Step {
    /// Decoding goes on.
    case next
    /// The attempt is over: finished, or failed with `attempt.failure` set.
    case stop
  }

  /// What checking a completed line decided.
  private enum LineOutcome {
    case accepted, finished, rewound, stopped
  }

  private let proposer: ConstrainedProposer
  private let parameters: SamplingParameters
  private let opening: String
  private let session: InferenceSession
  private let promptTokens: [Int]
  private let promptEnd: Int
  private let promptLogits: [Float]
  /// The checker after the opening, where every attempt (and every rewind) starts.
  private let openingChecker: PrefixChecker
  /// Tokens sampled over all attempts, and per attempt.
  private let totalBudget: Int
  private let attemptBudget: Int
  /// Function fingerprints the program must not have, with the candidate each names.
  private let distinctFrom: [String: String]

  private var sampler: TokenSampler
  private var logits: [Float]
  private(set) var attempt: ProposalAttempt
  /// Tokens sampled so far, discarded ones included.
  private(set) var sampled = 0
  /// `sampled` when the current attempt began.
  private var attemptStart = 0
  private(set) var attempts = 0
  /// Lines resampled in attempts before the current one.
  private var earlierBacktracks = 0
  /// Copies rewritten in attempts before the current one.
  private var earlierCopiesRewritten = 0
  private(set) var finished = false
  /// The first program finished as a copy of a `distinctFrom` program (its text after the opening, its tokens and
  /// its fingerprint): the proposal when no attempt finishes anything else.
  private(set) var refusedCopy: (text: [UInt8], tokens: Int, fingerprint: String)?
  let promptSeconds: Double

  /// Evaluates `prompt` (after `softPrompt`) and prepares the first attempt after `opening`.
  init(
    proposer: ConstrainedProposer, prompt: String, opening: String, parameters: SamplingParameters,
    softPrompt: SoftPrompt?, distinctFrom: [String: String] = [:]
  ) throws {
    self.proposer = proposer
    self.parameters = parameters
    self.opening = opening
    self.distinctFrom = distinctFrom
    promptTokens = proposer.model.tokenize(prompt)
    // Every sample of a prompt continues from one evaluation of it (the model keeps the state after it).
    (session, promptSeconds) = try proposer.model.promptSession(tokens: promptTokens, softPrompt: softPrompt)
    promptEnd = session.position
    promptLogits = session.logits
    let contract = proposer.verifier.contract
    var checker = PrefixChecker(contract: contract)
    checker.maximumHelperClasses = proposer.maximumHelperClasses
    // Size steering writes a model built without arguments; a module built with the task's sizes is checked by
    // building it with them.
    checker.steersLayerSizes = proposer.steersLayerSizes && contract.constructorArguments.isEmpty
    for line in opening.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      checker.commit(String(line))
    }
    openingChecker = checker
    totalBudget = proposer.sampledTokenAllowance * parameters.maxTokens
    attemptBudget = Int(proposer.attemptTokenAllowance * Double(parameters.maxTokens))
    sampler = TokenSampler(parameters: parameters, seed: parameters.seed)
    attempt = ProposalAttempt(checker: checker)
    logits = promptLogits
  }

  /// Whether enough of the total budget is left for another attempt (half an attempt's worth).
  var canAttemptAgain: Bool { totalBudget - sampled >= attemptBudget / 2 }

  /// Lines resampled over every attempt.
  var backtracks: Int { earlierBacktracks + attempt.backtracks }

  /// Copies rewritten over every attempt.
  var copiesRewritten: Int { earlierCopiesRewritten + attempt.copiesRewritten }

  /// Decodes until the attempt finishes, fails, or spends its budget.
  mutating func runAttempt() throws {
    attempts += 1
    attemptStart = sampled
    while attempt.tokens.count < parameters.maxTokens && sampled - attemptStart < attemptBudget
      && sampled < totalBudget
    {
      if try step() == .stop { break }
    }
    if !finished && attempt.failure == nil {
      attempt.failure =
        "token limit reached (\(attempt.tokens.count) kept of \(parameters.maxTokens), \(sampled - attemptStart) sampled)"
    }
  }

  /// Strategy 4: the same prompt with a new seed, nothing kept of the last attempt.
  mutating func startFreshAttempt() {
    sampler = TokenSampler(parameters: parameters, seed: parameters.seed &+ UInt64(attempts) &* 0x9E37_79B9_7F4A_7C15)
    earlierBacktracks += attempt.backtracks
    earlierCopiesRewritten += attempt.copiesRewritten
    attempt = ProposalAttempt(checker: openingChecker)
    session.truncate(to: promptEnd)
    logits = promptLogits
  }

  /// One step: a token allowed here is sampled and written, or a recovery strategy runs.
  private mutating func step() throws -> Step {
    let allowed = allowedTokens()
    if allowed.isEmpty {
      if canTakeBackToken {
        try takeBackLastToken()
        return .next
      }
      return try resampleDeadEndLine()
    }
    var masked = CandidateFilter.mask(logits, keeping: allowed)
    let token = sampler.sample(logits: &masked, history: promptTokens + attempt.tokens)
    return try write(token)
  }

  /// The tokens the checker allows after the text so far, most likely first. Structure may be forced at the start
  /// of a line (e.g. `def forward` once `__init__` is full); mid-line, only continuations the model finds
  /// plausible are taken, else the line is resampled.
  private func allowedTokens() -> [Int] {
    let partial = String(decoding: attempt.partialLine, as: UTF8.self)
    let atLineStart = attempt.partialLine.allSatisfy { $0 == 0x20 }
    let deadEnds = attempt.bannedNext[attempt.text.hashValue] ?? []
    let checker = attempt.checker
    return proposer.filter.allowedTokens(
      logits: logits, vocabulary: proposer.vocabulary, includeUnlikely: atLineStart
    ) { token, candidate in
      !deadEnds.contains(token) && checker.accepts(candidate, after: partial)
    }
  }

  /// Appends `token`; each line it completes is committed and checked.
  private mutating func write(_ token: Int) throws -> Step {
    sampled += 1
    attempt.tokens.append(token)
    for byte in (proposer.vocabulary.texts[token] ?? "").utf8 {
      attempt.text.append(byte)
      guard byte == 0x0A else {
        attempt.partialLine.append(byte)
        continue
      }
      switch try completeLine() {
      case .accepted: continue
      case .finished, .stopped: return .stop
      case .rewound: return .next
      }
    }
    attempt.tokenEnds.append(attempt.text.count)
    if session.position >= session.maxContext {
      attempt.failure = "context full"
      return .stop
    }
    try session.evaluate(tokens: [token])
    logits = session.logits
    return .next
  }

  /// Commits the line just ended and runs its check.
  private mutating func completeLine() throws -> LineOutcome {
    let lineText = String(decoding: attempt.partialLine, as: UTF8.self)
    let lineStart = attempt.lineStarts[attempt.lineStarts.count - 1]
    guard let line = attempt.checker.commit(lineText) else {
      attempt.failure = "internal: accepted token left an invalid line"
      return .stopped
    }
    attempt.partialLine = []
    attempt.lineStarts.append(attempt.text.count)
    attempt.generatedLines.append(line)
    let source = opening + String(decoding: attempt.text, as: UTF8.self)
    let checker = attempt.checker
    let (verdict, hints) = proposer.verifier.verifyWithHints(
      line, source: source, forwardInput: line.className.flatMap { checker.forwardInputs[$0] },
      locals: Array(checker.locals),
      isFinalInitializerStatement: line.functionName == "__init__"
        && checker.statementCount >= checker.initializerStatementLimit,
      classScoresWereReachable: line.functionName == "forward" && checker.shapeHints?.reachesClassScores == true)
    attempt.lineHints.append(hints)
    if let hints { attempt.checker.shapeHints = hints }
    switch verdict {
    case .accepted:
      return .accepted
    case .finished(let fingerprint):
      attempt.tokenEnds.append(attempt.text.count)
      if let fingerprint, let original = distinctFrom[fingerprint] {
        if refusedCopy == nil { refusedCopy = (attempt.text, attempt.tokens.count, fingerprint) }
        return try rewriteCopy(of: original)
      }
      attempt.functionFingerprint = fingerprint
      finished = true
      return .finished
    case .rejected(let reason, let failingPrefix):
      // The checker takes the ban when the rewind replays it, as it takes banned lines.
      if let failingPrefix { attempt.bannedPrefixes[line.lineNumber, default: []].append(failingPrefix) }
      return try reviseAfterRejection(of: line, startingAt: lineStart, reason: reason)
    }
  }

  // MARK: - Recovery strategies

  /// Whether a dead end can be met by taking back the last token (strategy 1).
  private var canTakeBackToken: Bool {
    !attempt.tokens.isEmpty && attempt.tokenBacktracks < ConstrainedProposer.maximumTokenBacktracks
      && ((attempt.tokenEnds.count > 1 ? attempt.tokenEnds[attempt.tokenEnds.count - 2] : 0)
        >= (attempt.lineStarts.last ?? 0) || attempt.lineStarts.count > 1)
  }

  /// Strategy 1: take back the last token and never choose it again after the same text.
  private mutating func takeBackLastToken() throws {
    attempt.tokenBacktracks += 1
    let previousEnd = attempt.tokens.count > 1 ? attempt.tokenEnds[attempt.tokens.count - 2] : 0
    attempt.bannedNext[Array(attempt.text.prefix(previousEnd)).hashValue, default: []].insert(
      attempt.tokens[attempt.tokens.count - 1])
    try rewind(to: previousEnd)
  }

  /// Strategy 2: every continuation is banned or impossible: resample the line from its start, or, once the line
  /// has reached dead ends often enough, the assignment before it.
  private mutating func resampleDeadEndLine() throws -> Step {
    proposer.onRejection?(
      String(decoding: attempt.partialLine, as: UTF8.self), "dead end: no token continues this line")
    attempt.rejections[attempt.checker.lineNumber, default: 0] += 1
    if attempt.rejections[attempt.checker.lineNumber, default: 0]
      >= ConstrainedProposer.rejectionsBeforeRevisingPreviousLine,
      let previous = attempt.generatedLines.lastIndex(where: { $0.kind == .assignment })
    {
      attempt.backtracks += 1
      guard attempt.backtracks <= proposer.maximumBacktracks else {
        attempt.failure = "no allowed continuation"
        return .stop
      }
      try resampleEarlierLine(at: previous)
      return .next
    }
    attempt.backtracks += 1
    guard attempt.backtracks <= proposer.maximumBacktracks, let lineStart = attempt.lineStarts.last,
      lineStart > 0 || !attempt.text.isEmpty
    else {
      attempt.failure = "no allowed continuation"
      return .stop
    }
    try rewind(
      to: attempt.lineStarts.count > 1 && attempt.partialLine.isEmpty
        ? attempt.lineStarts[attempt.lineStarts.count - 2] : lineStart)
    return .next
  }

  /// Strategy 3: a completed line failed its check. It is banned (a header is right; what comes before it must
  /// change) and resampled; a statement that keeps failing on a layer built earlier (a Linear with the wrong
  /// in_features) has that layer's line resampled instead, and a rejected `def forward` (no layer gives the class
  /// scores) the last layer of `__init__`.
  private mutating func reviseAfterRejection(of line: CommittedLine, startingAt lineStart: Int, reason: String)
    throws -> LineOutcome
  {
    proposer.onRejection?(line.text, reason)
    if line.kind == .returnStatement { attempt.restrictReturns = true }
    if line.kind != .functionHeader {
      attempt.banned.insert(PrefixChecker.banKey(lineNumber: line.lineNumber, codeKey: line.codeKey))
    }
    attempt.backtracks += 1
    attempt.tokenEnds.append(attempt.text.count)
    guard attempt.backtracks <= proposer.maximumBacktracks else {
      attempt.failure = "retry budget spent; last rejection: \(reason)"
      return .stopped
    }
    attempt.rejections[line.lineNumber, default: 0] += 1
    let rejectionCount = attempt.rejections[line.lineNumber, default: 0]
    let definition =
      rejectionCount >= ConstrainedProposer.rejectionsBeforeRevisingDefinition
      ? ConstrainedProposer.definitionToRevise(for: line, among: attempt.generatedLines) : nil
    let previous =
      line.kind == .functionHeader
      ? attempt.generatedLines.dropLast().lastIndex { $0.kind == .assignment && $0.functionName == "__init__" }
      : rejectionCount >= ConstrainedProposer.rejectionsBeforeRevisingPreviousLine
        ? attempt.generatedLines.dropLast().lastIndex {
          $0.kind == .assignment && $0.functionName == line.functionName
        }
        : nil
    if let earlier = definition ?? previous {
      try resampleEarlierLine(at: earlier)
    } else {
      try rewind(to: lineStart)
    }
    return .rewound
  }

  /// The program just finished computes what `original` computes. One of the model's layer definitions, drawn
  /// with the sample's seed, is banned where it stands and decoding goes on from it: the child keeps the layers
  /// before it and must differ from there on, as a mutation of what it was copying. An attempt that keeps
  /// finishing as copies gives up, and a fresh one (new seed) follows.
  private mutating func rewriteCopy(of original: String) throws -> LineOutcome {
    let reason = "computes what \(original) computes"
    proposer.onRejection?(attempt.generatedLines.last?.text ?? "", reason)
    let className = proposer.verifier.modelClassName
    let layers = attempt.generatedLines.indices.filter {
      let line = attempt.generatedLines[$0]
      return line.kind == .assignment && line.functionName == "__init__" && line.className == className
    }
    attempt.copiesRewritten += 1
    attempt.backtracks += 1
    guard attempt.copiesRewritten <= ConstrainedProposer.maximumCopyRewrites,
      attempt.backtracks <= proposer.maximumBacktracks, !layers.isEmpty
    else {
      attempt.failure = "every program finished as a copy; the last \(reason)"
      return .stopped
    }
    var draw = RandomSource(seed: parameters.seed &+ UInt64(copiesRewritten) &* 0xD1B5_4A32_D192_ED03)
    try resampleEarlierLine(at: layers[draw.nextInt(below: layers.count)])
    return .rewound
  }

  /// Bans generated line `index` where it stands, forgets the rejections from it on, and rewinds to its start.
  private mutating func resampleEarlierLine(at index: Int) throws {
    let line = attempt.generatedLines[index]
    attempt.banned.insert(PrefixChecker.banKey(lineNumber: line.lineNumber, codeKey: line.codeKey))
    attempt.rejections = attempt.rejections.filter { $0.key < line.lineNumber }
    try rewind(to: attempt.lineStarts[index])
  }

  /// Rewinds to the last token boundary at or before `offset`: the text, the checker (replayed line by line with
  /// the shape hints each line had) and the model's cache and logits.
  private mutating func rewind(to offset: Int) throws {
    var keep = attempt.tokens.count
    while keep > 0 && attempt.tokenEnds[keep - 1] > offset { keep -= 1 }
    attempt.tokens.removeSubrange(keep...)
    attempt.tokenEnds.removeSubrange(keep...)
    attempt.text.removeSubrange((keep > 0 ? attempt.tokenEnds[keep - 1] : 0)...)
    replayCheckerOverText()
    if keep == 0 {
      session.truncate(to: promptEnd)
      logits = promptLogits
    } else {
      session.truncate(to: promptEnd + keep - 1)
      try session.evaluate(tokens: [attempt.tokens[keep - 1]])
      logits = session.logits
    }
  }

  /// Rebuilds the checker and the line bookkeeping from the opening over the text kept.
  private mutating func replayCheckerOverText() {
    attempt.checker = openingChecker
    attempt.checker.bannedLines = attempt.banned
    attempt.checker.bannedPrefixes = attempt.bannedPrefixes
    attempt.checker.restrictsReturns = attempt.restrictReturns
    attempt.partialLine = []
    attempt.lineStarts = [0]
    attempt.generatedLines = []
    let keptHints = attempt.lineHints
    attempt.lineHints = []
    for (index, byte) in attempt.text.enumerated() {
      if byte == 0x0A {
        if let line = attempt.checker.commit(String(decoding: attempt.partialLine, as: UTF8.self)) {
          attempt.generatedLines.append(line)
          let count = attempt.generatedLines.count
          let hints = count <= keptHints.count ? keptHints[count - 1] : nil
          attempt.lineHints.append(hints)
          if let hints { attempt.checker.shapeHints = hints }
        }
        attempt.partialLine = []
        attempt.lineStarts.append(index + 1)
      } else {
        attempt.partialLine.append(byte)
      }
    }
  }
}
