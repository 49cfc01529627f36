import Sessions

/// What each round of a search produced, for the round plot: every evaluated candidate's validation accuracy,
/// how many proposals were valid, and the best accuracy so far. Rounds without a valid child are kept.
public struct RoundHistory: Sendable, Equatable {
  /// An evaluated candidate of a round.
  public struct Point: Sendable, Equatable {
    public var id: String
    public var accuracy: Float
    /// Whether its validation error is below α (it may be the best model or a parent).
    public var eligible: Bool
  }

  public struct Round: Sendable, Equatable {
    public var round: Int
    /// Candidates the round added (seeds in round 0), and those that passed the check.
    public var proposed: Int
    public var valid: Int
    public var points: [Point]
    /// The highest validation accuracy of any candidate evaluated by the end of this round.
    public var bestSoFar: Float?
  }

  public var rounds: [Round]
  /// The best model (`SessionState.best`) and its round.
  public var bestID: String?

  public init(_ state: SessionState) {
    let candidates = state.orderedCandidates
    let last = max(state.currentRound, state.roundsCompleted, candidates.map(\.round).max() ?? 0)
    var byRound = [[CandidateRecord]](repeating: [], count: last + 1)
    for record in candidates where record.round >= 0 && record.round <= last { byRound[record.round].append(record) }
    var bestSoFar: Float?
    rounds = byRound.enumerated().map { round, records in
      let points = records.compactMap { record -> Point? in
        guard record.status == .evaluated, let accuracy = record.validationAccuracy else { return nil }
        return Point(id: record.id, accuracy: accuracy, eligible: state.isEligible(record))
      }
      if let top = points.map(\.accuracy).max() { bestSoFar = max(bestSoFar ?? top, top) }
      let valid = records.filter { [.validated, .accepted, .training, .evaluated, .failed].contains($0.status) }.count
      return Round(round: round, proposed: records.count, valid: valid, points: points, bestSoFar: bestSoFar)
    }
    bestID = state.best?.id
  }

  /// Whether any candidate was evaluated.
  public var isEmpty: Bool { rounds.allSatisfy(\.points.isEmpty) }
}
