import Evolution
import Sessions

/// A test double of a front end's review gate: the search posts the proposals waiting for review and waits;
/// the front end reads `pending` and answers with `submit`.
///
/// The search continues once every posted proposal has a decision. Proposals edited in review come back once
/// more (re-checked) only if their new program is invalid, so the researcher can fix it again.
actor InteractiveReviewQueue: ReviewGate {
  /// Proposals waiting for a decision, in the order they were posted.
  private(set) var pending: [CandidateRecord] = []
  private var decisions: [String: ReviewDecided] = [:]
  private var waiter: CheckedContinuation<[ReviewDecided], Never>?

  init() {}

  func review(_ candidates: [CandidateRecord], state: SessionState) async -> [ReviewDecided] {
    pending = candidates
    decisions = [:]
    return await withCheckedContinuation { continuation in
      waiter = continuation
    }
  }

  /// Records decisions for pending proposals (unknown ids are ignored); the search resumes once all are decided.
  func submit(_ newDecisions: [ReviewDecided]) {
    for decision in newDecisions where pending.contains(where: { $0.id == decision.id }) {
      decisions[decision.id] = decision
    }
    pending.removeAll { decisions[$0.id] != nil }
    if pending.isEmpty, let waiter {
      self.waiter = nil
      let answered = Array(decisions.values).sorted { $0.id < $1.id }
      decisions = [:]
      waiter.resume(returning: answered)
    }
  }
}
