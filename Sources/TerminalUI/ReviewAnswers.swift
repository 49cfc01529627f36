import MemberwiseInit
import Sessions

/// What the UI answers for proposals under review: the researcher's decisions, and the proposals left undecided
/// because the UI closed first. Those are not decisions and are never recorded as such: the search stops, and
/// `resume` asks about them again.
@MemberwiseInit
public struct ReviewAnswers: Sendable, Equatable {
  public var decided: [ReviewDecided]
  /// Ids of the proposals nobody decided on.
  public var undecided: [String] = []
}
