import ArchLang
import EvoTensor
import Foundation
import LanguageModels
import Sessions

/// The EvoPrompting loop: seeds are evaluated, then each round prompts the language model with parents, checks
/// and trains the children, and keeps the fittest as the next parents.
///
/// Every step is recorded in the session log before it takes effect, and the loop's own decisions read only
/// `state`, the fold of that log, so `resume` after a crash continues exactly where the log ends: finished
/// evaluations are kept, prompts and received proposals are reused, and interrupted training runs again.
public actor SearchRun {
  /// Everything the loop needs besides the log.
  public struct Components: Sendable {
    public var task: String
    public var seeds: [SeedProgram]
    public var languageModel: any LanguageModel
    /// How the run describes its language model in the log (never a key).
    public var languageModelDescription: [String: String]
    public var validator: any ProposalValidator
    /// Where candidates train.
    public var executor: any Executor
    public var reviewGate: any ReviewGate
    public var promptTuner: (any PromptTuner)?
    public var promptBuilder: PromptBuilder
    /// Whether the backend decodes under constraints (recorded with each proposal).
    public var constrained: Bool

    public init(
      task: String, seeds: [SeedProgram], languageModel: any LanguageModel, languageModelDescription: [String: String],
      validator: any ProposalValidator, executor: any Executor, reviewGate: any ReviewGate = AcceptAllReview(),
      promptTuner: (any PromptTuner)? = nil, promptBuilder: PromptBuilder = PromptBuilder(), constrained: Bool = false
    ) {
      self.task = task
      self.seeds = seeds
      self.languageModel = languageModel
      self.languageModelDescription = languageModelDescription
      self.validator = validator
      self.executor = executor
      self.reviewGate = reviewGate
      self.promptTuner = promptTuner
      self.promptBuilder = promptBuilder
      self.constrained = constrained
    }
  }

  /// Called after each event is recorded, with the state that includes it.
  public typealias Observer = @Sendable (LoggedEvent, SessionState) -> Void
  /// Called with streamed language-model text: (round, prompt index, chunk).
  public typealias StreamObserver = @Sendable (Int, Int, CompletionChunk) -> Void

  public nonisolated let settings: SearchSettings
  public nonisolated let log: EventLog
  public private(set) var state: SessionState
  private let components: Components
  private let observer: Observer?
  private let streamObserver: StreamObserver?
  private var pauseRequested = false
  /// The retries of the language-model request in flight (HTTP backends), stopped by a pause.
  private var retryControl: RetryControl?

  /// Starts a new session in `directory`.
  public static func start(
    directory: URL, settings: SearchSettings, components: Components, observer: Observer? = nil,
    streamObserver: StreamObserver? = nil
  ) throws -> SearchRun {
    let log = try EventLog.create(at: directory)
    let run = SearchRun(
      log: log, state: SessionState(), settings: settings, components: components, observer: observer,
      streamObserver: streamObserver)
    return run
  }

  /// Reopens a session to continue it; its recorded settings are used. `lock` is the session's lock when the
  /// caller took it already (to refuse early, before loading a model); otherwise opening the log takes it.
  public static func resume(
    directory: URL, lock: SessionLock? = nil, components: Components, observer: Observer? = nil,
    streamObserver: StreamObserver? = nil
  ) throws -> SearchRun {
    let (log, events) = try EventLog.open(at: directory, lock: lock)
    let state = SessionState(events: events)
    guard let configured = state.configuration else {
      throw SessionError.badHeader(path: log.path, detail: "the session has no run configuration")
    }
    let settings = try SearchSettings(recorded: configured.settings)
    return SearchRun(
      log: log, state: state, settings: settings, components: components, observer: observer,
      streamObserver: streamObserver)
  }

  private init(
    log: EventLog, state: SessionState, settings: SearchSettings, components: Components, observer: Observer?,
    streamObserver: StreamObserver?
  ) {
    self.log = log
    self.state = state
    self.settings = settings
    self.components = components
    self.observer = observer
    self.streamObserver = streamObserver
  }

  /// Asks the loop to stop after the evaluations in flight; `run()` then returns with the run unfinished. No
  /// new language-model request or retry starts after it.
  public func requestPause() {
    pauseRequested = true
    retryControl?.stop()
  }

  /// Records `event` (durably) and folds it into the state.
  @discardableResult
  public func record(_ event: SessionEvent) throws -> LoggedEvent {
    let logged = try log.append(event)
    state.apply(logged)
    if case .candidateProposed(let proposal) = event { writeProgramFile(id: proposal.id, code: proposal.code) }
    if case .reviewDecided(let decision) = event, let code = decision.code {
      writeProgramFile(id: decision.id, code: code)
    }
    observer?(logged, state)
    return logged
  }

  /// Runs (or continues) the search to its end, or until a pause is requested.
  public func run() async throws {
    if state.configuration == nil {
      try record(
        .runConfigured(
          RunConfigured(
            // Never a password: a base URL's user info is removed (resume asks for the URL again).
            task: components.task, languageModel: URLCredentials.redacted(components.languageModelDescription),
            settings: settings.recorded,
            seed: settings.seed)))
    } else if state.eventCount > 1 && !state.finished {
      try record(.runResumed(interruptedTraining: state.interruptedTraining))
    }
    if state.finished { return }

    // Round 0: the seeds.
    if !state.orderedCandidates.contains(where: { $0.origin == .seed }) {
      for (index, seed) in components.seeds.enumerated() {
        try record(
          .candidateProposed(
            CandidateProposed(
              id: "s\(index + 1)", round: 0, origin: .seed, parents: [], code: seed.source, name: seed.name)))
      }
    }
    try await processPending(round: 0)
    if try pauseIfRequested() { return }
    if state.parents.isEmpty && state.roundsCompleted == 0 && !state.prompts.contains(where: { $0.round == 1 }) {
      try selectParents(after: 0)
    }

    let firstRound = state.roundInProgress ? state.currentRound : state.roundsCompleted + 1
    for round in firstRound...max(firstRound, settings.effectiveRounds) where round <= settings.effectiveRounds {
      if !(state.roundInProgress && state.currentRound == round) { try record(.roundStarted(round: round)) }
      try await sample(round: round)
      try await processPending(round: round)
      if try pauseIfRequested() { return }
      try selectParents(after: round)
      if round < settings.effectiveRounds, settings.promptTuning, let tuner = components.promptTuner,
        !state.tuning.contains(where: { $0.round == round })
      {
        if let tuned = try await tuner.tune(
          round: round, examples: tuningExamples(round: round), sessionDirectory: log.directory.path)
        {
          try record(.promptTuningFinished(tuned))
        }
      }
      try record(.roundFinished(round: round))
    }
    // Hand edits made during the last round's selection or tuning.
    try await processPending(round: settings.effectiveRounds)
    // The one definition of best (SessionState+Best.swift), as every reader names it.
    try record(.runFinished(best: state.best?.id))
  }

  private func pauseIfRequested() throws -> Bool {
    guard pauseRequested else { return false }
    pauseRequested = false
    return true
  }

  // MARK: - Sampling

  /// Builds the round's prompts (reusing recorded ones) and asks for the samples not yet received.
  private func sample(round: Int) async throws {
    var generator = RandomSource(seed: settings.seed &+ UInt64(round) &* 0x9E37_79B9)
    for index in 0..<settings.effectivePromptsPerRound {
      // Draws happen for every prompt, recorded or not, so a resumed round draws the same parents.
      var parentIDs = ParentSelection.drawPrompt(
        parents: promptParentPool(), k: settings.parentsPerPrompt, using: &generator)
      let temperature = settings.temperatures[generator.nextInt(below: settings.temperatures.count)]
      var style: PromptStyle = settings.noveltyPrompt ? .novelty : .paper
      if settings.editFraction > 0 {
        let roll = generator.nextUnitFloat()
        let part = PromptBuilder.editParts[generator.nextInt(below: PromptBuilder.editParts.count)]
        if roll < settings.editFraction {
          style = .edit(part: part)
          parentIDs = Array(parentIDs.prefix(1))
        }
      }
      let prompt: PromptBuilt
      if let recorded = state.prompts(ofRound: round).first(where: { $0.index == index }) {
        prompt = recorded
      } else {
        let parents = parentIDs.compactMap { state.candidates[$0] }.map {
          (
            code: $0.code,
            metrics: ParentMetrics(params: $0.params ?? 0, validationAccuracy: $0.validationAccuracy ?? 0)
          )
        }
        prompt = PromptBuilt(
          round: round, index: index, parents: parentIDs,
          text: components.promptBuilder.prompt(parents: parents, style: style),
          temperature: temperature, samples: settings.samplesPerPrompt)
        try record(.promptBuilt(prompt))
      }
      try await requestMissingSamples(of: prompt)
    }
  }

  /// Asks for the replies `prompt` still lacks; with `resample_duplicates`, also for replacements of replies that
  /// are exact copies of an earlier candidate (checked as they arrive), up to that many extra.
  private func requestMissingSamples(of prompt: PromptBuilt) async throws {
    let (round, index) = (prompt.round, prompt.index)
    let extractor = CodeExtractor(
      programOpening: components.promptBuilder.programOpening,
      parentPrograms: prompt.parents.compactMap { state.candidates[$0]?.code },
      modelClassName: components.promptBuilder.modelClassName)
    while true {
      let received = state.proposals(round: round, prompt: index)
      let copies = received.filter { $0.status == .duplicate }.count
      let missing = prompt.samples + min(copies, settings.resampleDuplicates) - received.count
      if missing <= 0 { return }
      // A pause asks for no new requests; the prompts recorded so far are asked again on resume.
      if pauseRequested { return }
      // Starting the request at the first missing sample's seed makes a resumed prompt draw the samples an
      // uninterrupted run would have drawn.
      let seed = SamplingParameters.sampleSeed(settings.seed &+ UInt64(round * 1000 + index), sample: received.count)
      let request = CompletionRequest(
        prompt: prompt.text, sampleCount: missing,
        parameters: SamplingParameters(
          temperature: prompt.temperature, topP: 0.95, seed: seed, maxTokens: settings.maxTokens,
          stopSequences: PromptBuilder.stopSequences))
      guard let completions = try await complete(request, round: round, prompt: index, received: received.count) else {
        if pauseRequested { return }
        continue
      }
      for (offset, completion) in completions.enumerated() {
        try recordProposal(
          completion.text, extraction: extractor.extraction(from: completion.text), prompt: prompt,
          sampleIndex: received.count + offset)
      }
      if settings.resampleDuplicates == 0 { return }
      try await validatePending(round: round)
    }
  }

  /// Records one reply as a candidate, with what extraction carried in, or its rejection when it holds no program.
  private func recordProposal(
    _ text: String, extraction: ProgramExtraction, prompt: PromptBuilt, sampleIndex: Int
  ) throws {
    let id = nextCandidateID()
    try record(
      .candidateProposed(
        CandidateProposed(
          id: id, round: prompt.round, origin: .proposal, parents: prompt.parents, code: extraction.code ?? "",
          rawText: text, promptIndex: prompt.index, sampleIndex: sampleIndex, temperature: prompt.temperature,
          constrained: components.constrained,
          carried: extraction.carried.isEmpty ? nil : extraction.carried.map(\.name))))
    if extraction.code == nil {
      let failure = extraction.failure ?? ExtractionFailure("the reply contains no program")
      try record(
        .proposalRejected(
          ProposalRejected(
            id: id, kind: .noCode, reason: failure.message, line: failure.line, column: failure.column)))
    }
  }

  /// Asks the language model for `request`'s samples, recording each retry as it happens. Returns nil when the
  /// run is pausing (no retry was started) or when the reply could not be used: then the missing samples are
  /// recorded as failed proposals, with the reason, and the search goes on. Other failures (a wrong key, URL or
  /// model fails every request alike) stop the run, which `resume` continues.
  private func complete(_ request: CompletionRequest, round: Int, prompt index: Int, received: Int) async throws
    -> [Completion]?
  {
    let control = RetryControl { [weak self] notice in
      try? await self?.record(
        .languageModelRetried(
          LanguageModelRetried(
            round: round, promptIndex: index, attempt: notice.failedAttempt, maxAttempts: notice.maxAttempts,
            delaySeconds: notice.delaySeconds, reason: notice.reason)))
    }
    retryControl = control
    defer { retryControl = nil }
    let stream = streamObserver
    let model = components.languageModel
    do {
      return try await RetryControl.$current.withValue(control) {
        try await model.complete(request) { chunk in stream?(round, index, chunk) }
      }
    } catch HTTPBackendError.stopped where pauseRequested {
      return nil
    } catch let error as HTTPBackendError where error.isReplyFailure {
      let prompt = state.prompts(ofRound: round).first { $0.index == index }
      for offset in 0..<request.sampleCount {
        let id = nextCandidateID()
        try record(
          .candidateProposed(
            CandidateProposed(
              id: id, round: round, origin: .proposal, parents: prompt?.parents ?? [], code: "", rawText: "",
              promptIndex: index, sampleIndex: received + offset, temperature: prompt?.temperature,
              constrained: components.constrained)))
        try record(
          .proposalRejected(
            ProposalRejected(
              id: id, kind: .languageModel, reason: "the language model's reply could not be used: \(error)")))
      }
      return nil
    } catch {
      throw SearchError.languageModel(round: round, prompt: index, detail: "\(error)")
    }
  }

  /// The candidates prompts draw parents from: the current parents, or (random-parents ablation) every evaluated one.
  private func promptParentPool() -> [String] {
    settings.naiveFewShot
      ? state.orderedCandidates.filter { $0.origin == .seed && $0.status == .evaluated }.map(\.id) : state.parents
  }

  private func nextCandidateID() -> String {
    "c\(state.orderedCandidates.filter { $0.origin != .seed }.count + 1)"
  }

  // MARK: - Checking, review, training

  /// Whether `round`'s processing takes care of `candidate`: its own candidates, and hand edits whenever they come.
  private func isHandled(_ candidate: CandidateRecord, in round: Int) -> Bool {
    candidate.round == round || candidate.origin == .edit
  }

  /// Records a researcher's edit of candidate `base` as a new candidate (parent: `base`); it is checked and
  /// trained with the work of the current round, or before the run finishes. Returns its id.
  @discardableResult
  public func submitHandEdit(of base: String, code: String) throws -> String {
    guard state.candidates[base] != nil else { throw SearchError.unknownCandidate(base) }
    guard !state.finished else { throw SearchError.finished }
    let id = nextCandidateID()
    try record(
      .candidateProposed(
        CandidateProposed(id: id, round: max(state.currentRound, 1), origin: .edit, parents: [base], code: code)))
    return id
  }

  /// Checks, reviews and trains every candidate of `round` that is not finished.
  private func processPending(round: Int) async throws {
    try await validatePending(round: round)
    if settings.review == .manual || settings.review == .autoValid {
      var rounds = 0
      while true {
        let pending = state.orderedCandidates.filter {
          $0.round == round && $0.origin != .seed
            && ((settings.review == .manual && $0.status == .validated)
              || (settings.review == .autoValid && $0.status == .rejected && $0.rejection?.kind == .invalid
                && rounds == 0))
        }
        if pending.isEmpty { break }
        let decisions = await components.reviewGate.review(pending, state: state)
        if decisions.isEmpty { break }
        for decision in decisions { try record(.reviewDecided(decision)) }
        try await validatePending(round: round)
        rounds += 1
      }
    }
    try await trainPending(round: round)
  }

  /// Checks proposed candidates of `round` (also edited ones) and drops duplicates.
  private func validatePending(round: Int) async throws {
    for candidate in state.orderedCandidates where isHandled(candidate, in: round) && candidate.status == .proposed {
      switch await components.validator.validate(candidate.code) {
      case .invalid(let message, let line, let column):
        try record(
          .proposalRejected(
            ProposalRejected(id: candidate.id, kind: .invalid, reason: message, line: line, column: column)))
      case .valid(let params, let fingerprint):
        if let original = state.fingerprints[fingerprint], original != candidate.id {
          try record(
            .proposalRejected(
              ProposalRejected(
                id: candidate.id, kind: .duplicate, reason: "the same program as \(original)", duplicateOf: original)))
        } else {
          try record(.proposalValidated(ProposalValidated(id: candidate.id, params: params, fingerprint: fingerprint)))
        }
      }
    }
  }

  /// A message from an evaluation in flight to the actor that records it.
  private enum EvaluationMessage: Sendable {
    case progress(TrainingProgress)
    case done(id: String, EvaluationOutcome)
  }

  /// Trains every candidate of `round` that is ready, `settings.jobs` at a time, recording progress in order.
  private func trainPending(round: Int) async throws {
    let ready = state.orderedCandidates.filter {
      isHandled($0, in: round)
        && ($0.status == .accepted || ($0.status == .validated && (settings.review != .manual || $0.origin == .seed)))
    }
    if ready.isEmpty { return }
    let (messages, continuation) = AsyncStream<EvaluationMessage>.makeStream()
    var queue = ready[...]
    let screening =
      settings.screenSteps > 0 && settings.screenSteps < settings.training.steps
      ? (steps: settings.screenSteps, bar: settings.screenBar) : nil
    var running = 0
    let executor = components.executor
    func launch(_ candidate: CandidateRecord) throws {
      try record(.trainingStarted(id: candidate.id, attempt: candidate.trainingAttempts + 1))
      let job = EvaluationJob(
        id: candidate.id, code: candidate.code, task: components.task, training: settings.training,
        memoryMegabytes: settings.workerMemoryMegabytes, timeoutSeconds: settings.workerTimeoutSeconds,
        clrsNetwork: TaskName(settingText: components.task)?.clrsAlgorithm == nil ? nil : settings.clrsNetwork)
      running += 1
      let screen = candidate.origin == .seed ? nil : screening
      Task {
        let outcome = await Self.evaluate(job, screening: screen, with: executor) { continuation.yield(.progress($0)) }
        continuation.yield(.done(id: job.id, outcome))
      }
    }
    while !pauseRequested, running < settings.jobs, let next = queue.popFirst() { try launch(next) }
    // Paused before anything started: there is nothing to wait for.
    if running == 0 { continuation.finish() }
    for await message in messages {
      switch message {
      case .progress(let progress):
        if state.candidates[progress.id]?.status == .training { try record(.trainingProgress(progress)) }
      case .done(let id, let outcome):
        switch outcome {
        case .finished(let result): try record(.trainingFinished(result))
        case .failed(let reason): try record(.trainingFailed(id: id, reason: reason))
        }
        running -= 1
        if !pauseRequested, let next = queue.popFirst() { try launch(next) }
        if running == 0 { continuation.finish() }
      }
    }
  }

  /// Trains `job`; with a screen (novelty lever c), first for `screening.steps` steps, and fully only when the
  /// short run reaches `screening.bar` validation accuracy. A child that does not is recorded as failed, with why.
  private static func evaluate(
    _ job: EvaluationJob, screening: (steps: Int, bar: Float)?, with executor: any Executor,
    progress: @escaping @Sendable (TrainingProgress) -> Void
  ) async -> EvaluationOutcome {
    if let screening {
      var short = job
      short.training.steps = screening.steps
      short.training.evaluationInterval = min(job.training.evaluationInterval, screening.steps)
      let outcome = await executor.evaluate(short, progress: progress)
      guard case .finished(let result) = outcome else { return outcome }
      if result.validationAccuracy < screening.bar {
        return .failed(
          reason: "screened out: validation accuracy \(String(format: "%.3f", result.validationAccuracy)) after "
            + "\(screening.steps) steps, below the bar \(screening.bar)")
      }
    }
    return await executor.evaluate(job, progress: progress)
  }

  // MARK: - Selection and tuning

  /// Records the next parents; the parents this round's prompts used are retired.
  private func selectParents(after round: Int) throws {
    let used = Set(state.prompts(ofRound: round).flatMap(\.parents))
    let retired = state.retired.union(used)
    var generator = RandomSource(seed: settings.seed &+ 0xA11CE &+ UInt64(round))
    let selection = ParentSelection(
      parentCount: settings.parentCount, alpha: settings.alpha, randomParents: settings.randomParents)
    var parents = selection.select(from: state, retired: retired, using: &generator)
    if parents.isEmpty {
      // Nothing new qualified: keep prompting from the fittest, used or not, rather than stopping.
      parents = selection.select(from: state, retired: [], using: &generator)
    }
    try record(
      .parentsSelected(
        ParentsSelected(round: round, parents: parents, retired: Array(used.subtracting(state.retired)).sorted())))
  }

  /// The round's (prompt, child) pairs that were evaluated and not selected as parents (the paper's tuning set).
  private func tuningExamples(round: Int) -> [(prompt: String, completion: String)] {
    state.promptChildPairs(
      round: round, excluding: Set(state.parents),
      completion: ProgramOpening(components.promptBuilder.programOpening).completion)
  }

  // MARK: - Files

  /// Keeps `programs/<id>.py` beside the log for reading and diffing (the log stays the source of truth).
  private func writeProgramFile(id: String, code: String) {
    let folder = log.directory.appendingPathComponent("programs")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? code.write(to: folder.appendingPathComponent("\(id).py"), atomically: true, encoding: .utf8)
  }
}

/// A search that cannot go on.
public enum SearchError: Error, CustomStringConvertible {
  case languageModel(round: Int, prompt: Int, detail: String)
  case unknownCandidate(String)
  case finished

  public var description: String {
    switch self {
    case .languageModel(let round, let prompt, let detail):
      "round \(round), prompt \(prompt + 1): the language model failed: \(detail). The session is saved; `evoprompting resume` continues it."
    case .unknownCandidate(let id): "there is no candidate \(id)"
    case .finished: "the run is finished; edits can no longer be trained in it"
    }
  }
}
