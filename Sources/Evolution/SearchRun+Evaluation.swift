import ArchLang
import EvoTensor
import Foundation
import LanguageModels
import Sessions

// Checking, review and training of the pending candidates.
extension SearchRun {
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
  func processPending(round: Int) async throws {
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
  func validatePending(round: Int) async throws {
    for candidate in state.orderedCandidates where isHandled(candidate, in: round) && candidate.status == .proposed {
      switch await components.validator.validate(candidate.code) {
      case .invalid(let message, let line, let column):
        try record(
          .proposalRejected(
            ProposalRejected(id: candidate.id, kind: .invalid, reason: message, line: line, column: column)))
      case .valid(let params, let fingerprint, let repair):
        if let original = state.fingerprints[fingerprint], original != candidate.id {
          try record(
            .proposalRejected(
              ProposalRejected(
                id: candidate.id, kind: .duplicate, reason: "the same network as \(original)", duplicateOf: original)))
        } else {
          try record(
            .proposalValidated(
              ProposalValidated(
                id: candidate.id, params: params, fingerprint: fingerprint, repairedCode: repair?.code,
                repairs: repair?.changes)))
        }
      }
    }
  }

  /// A message from an evaluation in flight to the actor that records it.
  private enum EvaluationMessage: Sendable {
    case progress(TrainingProgress)
    /// What a cluster executor did for an evaluation (a job submitted, re-attached or lost; an outage).
    case executor(SessionEvent)
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
    // The executor's events travel with the evaluations' messages, so each lands in the log before its
    // evaluation's outcome.
    let lifecycle = executor as? any ExecutorLifecycle
    lifecycle?.recordEvents { continuation.yield(.executor($0)) }
    defer { lifecycle?.recordEvents(with: nil) }
    func launch(_ candidate: CandidateRecord) throws {
      try record(.trainingStarted(id: candidate.id, attempt: candidate.trainingAttempts + 1))
      let job = EvaluationJob(candidate: candidate.id, code: candidate.code, task: components.task, settings: settings)
      running += 1
      let screen = candidate.origin == .seed ? nil : screening
      if screen == nil, let recorded = components.recordedEvaluations.evaluation(for: job) {
        for point in recorded.curve { continuation.yield(.progress(point)) }
        continuation.yield(.done(id: job.id, .finished(recorded.result)))
        return
      }
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
      case .executor(let event):
        try record(event)
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
      short.stage = "screen"
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
}
