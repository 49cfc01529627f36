import Evolution
import Foundation
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
  /// Front ends waiting for proposals to be posted (`waitForPending`).
  private var watchers: [UUID: (count: Int, continuation: CheckedContinuation<[CandidateRecord], Never>)] = [:]

  init() {}

  func review(_ candidates: [CandidateRecord], state: SessionState) async -> [ReviewDecided] {
    pending = candidates
    decisions = [:]
    for (id, watcher) in watchers where pending.count >= watcher.count {
      watchers[id] = nil
      watcher.continuation.resume(returning: pending)
    }
    return await withCheckedContinuation { continuation in
      waiter = continuation
    }
  }

  /// Returns the pending proposals once at least `count` are posted: the front end's event, rather than polling.
  /// After `timeout` it returns what is pending then (a search that failed posts nothing; the test fails, not hangs).
  func waitForPending(_ count: Int, timeout: Duration = .seconds(60)) async -> [CandidateRecord] {
    if pending.count >= count { return pending }
    let id = UUID()
    Task {
      try? await Task.sleep(for: timeout)
      self.expire(id)
    }
    return await withCheckedContinuation { watchers[id] = (count, $0) }
  }

  private func expire(_ id: UUID) {
    watchers.removeValue(forKey: id)?.continuation.resume(returning: pending)
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
