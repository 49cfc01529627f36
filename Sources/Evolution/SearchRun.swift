import ArchLang
import EvoTensor
import Foundation
import LanguageModels
import MemberwiseInit
import Sessions

/// The EvoPrompting loop: seeds are evaluated, then each round prompts the language model with parents, checks
/// and trains the children, and keeps the fittest as the next parents.
///
/// Every step is recorded in the session log before it takes effect, and the loop's own decisions read only
/// `state`, the fold of that log, so `resume` after a crash continues exactly where the log ends: finished
/// evaluations are kept, prompts and received proposals are reused, and interrupted training runs again.
public actor SearchRun {
  /// Everything the loop needs besides the log.
  @MemberwiseInit
  public struct Components: Sendable {
    public var task: String
    public var seeds: [SeedProgram]
    public var languageModel: any LanguageModel
    /// How the run describes its language model in the log (never a key).
    public var languageModelDescription: [String: String]
    public var validator: any ProposalValidator
    /// Where candidates train.
    public var executor: any Executor
    public var reviewGate: any ReviewGate = AcceptAllReview()
    public var promptTuner: (any PromptTuner)?
    public var promptBuilder: PromptBuilder = PromptBuilder()
    /// Whether the backend decodes under constraints (recorded with each proposal).
    public var constrained: Bool = false
    /// Trainings to reuse rather than run again: a study's other sessions of the same seed.
    public var recordedEvaluations: RecordedEvaluations = RecordedEvaluations()
  }

  /// Called after each event is recorded, with the state that includes it.
  public typealias Observer = @Sendable (LoggedEvent, SessionState) -> Void
  /// Called with streamed language-model text: (round, prompt index, chunk).
  public typealias StreamObserver = @Sendable (Int, Int, CompletionChunk) -> Void

  public nonisolated let settings: SearchSettings
  public nonisolated let log: EventLog
  public private(set) var state: SessionState
  let components: Components
  private let observer: Observer?
  let streamObserver: StreamObserver?
  var pauseRequested = false
  /// The retries of the language-model request in flight (HTTP backends), stopped by a pause.
  var retryControl: RetryControl?

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
