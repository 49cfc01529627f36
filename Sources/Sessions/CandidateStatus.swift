/// Where a candidate is in its life: proposal, check, review, training, outcome.
public enum CandidateStatus: String, Sendable, Equatable, Codable {
  /// Received, not yet checked.
  case proposed
  /// Passed the check; waiting for review (manual mode) or for a training slot.
  case validated
  /// Accepted in review (or edited and re-validated); waiting for a training slot.
  case accepted
  case training
  case evaluated
  /// Dropped: invalid, without code, or rejected in review.
  case rejected
  case duplicate
  case failed

  /// The status a report shows: `evaluated`, `rejected`, `duplicate`, `failed`, or `pending` for anything in flight.
  public var reportName: String {
    switch self {
    case .evaluated, .rejected, .duplicate, .failed: rawValue
    case .proposed, .validated, .accepted, .training: "pending"
    }
  }

  /// Whether nothing more will happen to the candidate.
  public var isFinal: Bool { reportName != "pending" }
}
