import Sessions

/// Where a researcher accepts, rejects or edits proposals before they train (the terminal UI in manual mode).
public protocol ReviewGate: Sendable {
  /// Decides on `pending` (valid proposals of the current round, and in auto-valid mode invalid ones), one
  /// decision per candidate, in any order. An edited program is checked again before it trains.
  func review(_ pending: [CandidateRecord], state: SessionState) async -> [ReviewDecided]
}

/// Accepts every valid proposal: what `--review auto` and headless runs do.
public struct AcceptAllReview: ReviewGate {
  public init() {}

  public func review(_ pending: [CandidateRecord], state: SessionState) async -> [ReviewDecided] {
    pending.filter { $0.status == .validated }.map { ReviewDecided(id: $0.id, decision: .accepted) }
  }
}
