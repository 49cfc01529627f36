import Sessions

/// Per-round best and median validation accuracy of the candidates evaluated in each round.
public struct FitnessHistory: Sendable, Equatable {
  public struct Round: Sendable, Equatable {
    public var round: Int
    public var best: Float
    public var median: Float
    public var count: Int
  }

  public var rounds: [Round]

  public init(rounds: [Round]) {
    self.rounds = rounds
  }

  /// The history of a session (rounds without evaluated candidates are left out).
  public init(_ state: SessionState) {
    var byRound: [Int: [Float]] = [:]
    for record in state.orderedCandidates where record.status == .evaluated {
      if let accuracy = record.validationAccuracy { byRound[record.round, default: []].append(accuracy) }
    }
    rounds = byRound.keys.sorted().map { round in
      let values = byRound[round]!.sorted()
      let middle = values.count / 2
      let median = values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
      return Round(round: round, best: values.last!, median: median, count: values.count)
    }
  }
}
