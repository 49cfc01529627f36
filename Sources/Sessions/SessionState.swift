/// The state of a search: a pure fold of its events, shared by the live run, resume, replay and every front end.
public struct SessionState: Sendable, Equatable {
  public private(set) var configuration: RunConfigured?
  /// Candidates by id, and their ids in the order they appeared.
  public private(set) var candidates: [String: CandidateRecord] = [:]
  public private(set) var order: [String] = []
  public private(set) var prompts: [PromptBuilt] = []
  /// The round in progress (0 while seeds are evaluated).
  public private(set) var currentRound = 0
  public private(set) var roundsCompleted = 0
  public private(set) var roundInProgress = false
  public private(set) var parents: [String] = []
  public private(set) var retired: Set<String> = []
  public private(set) var tuning: [PromptTuningFinished] = []
  public private(set) var finished = false
  /// The best model as `run_finished` recorded it (logs written before the one definition may name another);
  /// readers show `best` (SessionState+Best.swift), computed from the state.
  public private(set) var recordedBest: String?
  public private(set) var eventCount = 0
  public private(set) var firstEventTime: Double?
  public private(set) var lastEventTime: Double?
  /// How many times the run was resumed.
  public private(set) var resumeCount = 0
  /// The language-model retry being waited for, until that prompt's reply arrives (nil when none is).
  public private(set) var pendingRetry: LanguageModelRetried?
  /// Language-model requests retried over the whole run.
  public private(set) var languageModelRetryCount = 0
  /// The executor's cluster not answering, until it does again (nil when it answers).
  public private(set) var executorOutage: ExecutorUnreachable?
  /// Jobs the cluster lost over the whole run (each one submitted again).
  public private(set) var lostJobCount = 0

  public init() {}

  /// Folds events in order.
  public init(events: [LoggedEvent]) {
    for event in events { apply(event) }
  }

  /// Applies one logged event.
  public mutating func apply(_ logged: LoggedEvent) {
    eventCount += 1
    firstEventTime = firstEventTime ?? logged.time
    lastEventTime = logged.time
    apply(logged.event)
  }

  /// Applies one event.
  public mutating func apply(_ event: SessionEvent) {
    switch event {
    case .runConfigured(let configured):
      configuration = configured
    case .candidateProposed(let proposal):
      if candidates[proposal.id] == nil { order.append(proposal.id) }
      candidates[proposal.id] = CandidateRecord(proposal)
    case .roundStarted(let round):
      currentRound = round
      roundInProgress = true
    case .promptBuilt(let prompt):
      prompts.append(prompt)
    case .proposalValidated(let validated):
      update(validated.id) {
        $0.status = $0.reviewAccepted ? .accepted : .validated
        $0.params = validated.params
        $0.fingerprint = validated.fingerprint
        $0.rejection = nil
        if let repaired = validated.repairedCode {
          $0.code = repaired
          $0.repairs = validated.repairs ?? []
        }
      }
    case .proposalRejected(let rejected):
      update(rejected.id) {
        $0.status = rejected.kind == .duplicate ? .duplicate : .rejected
        $0.rejection = rejected
      }
    case .reviewDecided(let decision):
      update(decision.id) {
        switch decision.decision {
        case .accepted:
          $0.status = .accepted
          $0.reviewAccepted = true
        case .rejected:
          $0.status = .rejected
          $0.rejection = ProposalRejected(
            id: decision.id, kind: .review, reason: "rejected in review" + (decision.note.map { ": \($0)" } ?? ""))
        case .edited:
          $0.code = decision.code ?? $0.code
          $0.edited = true
          $0.reviewAccepted = true
          $0.status = .proposed
        }
      }
    case .trainingStarted(let id, let attempt):
      update(id) {
        $0.status = .training
        $0.trainingAttempts = attempt
        $0.curve = []
      }
    case .trainingProgress(let progress):
      update(progress.id) { $0.curve.append(progress) }
    case .trainingFinished(let result):
      update(result.id) {
        $0.status = .evaluated
        $0.params = result.params
        $0.validationAccuracy = result.validationAccuracy
        $0.testAccuracy = result.testAccuracy
        $0.seconds = result.seconds
      }
    case .trainingFailed(let id, let reason):
      update(id) {
        $0.status = .failed
        $0.failure = reason
      }
    case .parentsSelected(let selection):
      parents = selection.parents
      retired.formUnion(selection.retired)
    case .promptTuningFinished(let result):
      tuning.append(result)
    case .roundFinished(let round):
      roundsCompleted = max(roundsCompleted, round)
      roundInProgress = false
    case .runResumed(let interrupted):
      resumeCount += 1
      // Interrupted training restarts from scratch: back to the queue.
      for id in interrupted { update(id) { $0.status = .accepted } }
    case .runFinished(let bestID):
      finished = true
      recordedBest = bestID
      pendingRetry = nil
    case .languageModelRetried(let retry):
      pendingRetry = retry
      languageModelRetryCount += 1
    case .jobSubmitted, .jobReattached, .jobLost, .executorUnreachable, .executorReachable:
      applyExecutorEvent(event)
    }
    if case .candidateProposed(let proposal) = event, proposal.round == pendingRetry?.round,
      proposal.promptIndex == pendingRetry?.promptIndex
    {
      pendingRetry = nil
    }
    if case .runResumed = event {
      pendingRetry = nil
      executorOutage = nil
    }
    if case .runFinished = event { executorOutage = nil }
  }

  /// What a cluster executor did: the candidates' jobs, and outages of the cluster.
  private mutating func applyExecutorEvent(_ event: SessionEvent) {
    switch event {
    case .jobSubmitted(let job), .jobReattached(let job):
      update(job.id) { if !$0.submissions.contains(job.submissionId) { $0.submissions.append(job.submissionId) } }
      // A job submitted or found means the cluster answers.
      executorOutage = nil
    case .jobLost:
      lostJobCount += 1
    case .executorUnreachable(let outage):
      executorOutage = outage
    case .executorReachable:
      executorOutage = nil
    default:
      break
    }
  }

  private mutating func update(_ id: String, _ change: (inout CandidateRecord) -> Void) {
    guard var record = candidates[id] else { return }
    change(&record)
    candidates[id] = record
  }

  /// Candidates in the order they appeared.
  public var orderedCandidates: [CandidateRecord] { order.compactMap { candidates[$0] } }

  /// Evaluated candidates, fittest first.
  public var evaluatedByFitness: [CandidateRecord] {
    orderedCandidates.filter { $0.status == .evaluated && $0.fitness != nil }.sorted {
      ($0.fitness!, $1.id) > ($1.fitness!, $0.id)
    }
  }

  /// Candidates that started training but have no result (what a crash interrupts).
  public var interruptedTraining: [String] { orderedCandidates.filter { $0.status == .training }.map(\.id) }

  /// Program fingerprints seen so far, with the first candidate that had each.
  public var fingerprints: [String: String] {
    var seen: [String: String] = [:]
    for record in orderedCandidates {
      if let fingerprint = record.fingerprint, seen[fingerprint] == nil { seen[fingerprint] = record.id }
    }
    return seen
  }

  /// The prompts of `round` in order.
  public func prompts(ofRound round: Int) -> [PromptBuilt] { prompts.filter { $0.round == round } }

  /// The prompt that produced `record` (nil for seeds, edits and logs without it).
  public func prompt(of record: CandidateRecord) -> PromptBuilt? {
    guard record.origin == .proposal, let index = record.promptIndex else { return nil }
    return prompts.first { $0.round == record.round && $0.index == index }
  }

  /// The candidates proposed from prompt `index` of `round`.
  public func proposals(round: Int, prompt index: Int) -> [CandidateRecord] {
    orderedCandidates.filter { $0.round == round && $0.origin == .proposal && $0.promptIndex == index }
  }

  /// The evaluated children with the prompts that produced them, as prompt-tuning pairs: the prompt's text, and
  /// `completion` of the child's code (what the model wrote after the program opening the prompt ends with). `round`
  /// keeps one round's children; `excluding` leaves candidates out (a round's tuning set leaves out the children
  /// kept as parents).
  public func promptChildPairs(
    round: Int? = nil, excluding: Set<String> = [], completion: (String) -> String
  ) -> [(prompt: String, completion: String)] {
    orderedCandidates.compactMap { candidate in
      guard round == nil || candidate.round == round, candidate.status == .evaluated, !excluding.contains(candidate.id),
        let prompt = prompt(of: candidate)
      else { return nil }
      return (prompt.text, completion(candidate.code))
    }
  }
}
