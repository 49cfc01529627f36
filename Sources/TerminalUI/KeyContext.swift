/// When a key binding applies.
public enum KeyContext: String, Sendable, CaseIterable {
  /// Everywhere.
  case global
  /// While proposals wait for review.
  case review
  /// While a recorded session is replayed.
  case replay
  /// While a candidate's detail (code and diffs) is open.
  case detail

  /// The heading help shows for the context.
  public var title: String {
    switch self {
    case .global: "General"
    case .review: "Review"
    case .replay: "Replay"
    case .detail: "Candidate detail"
    }
  }
}
