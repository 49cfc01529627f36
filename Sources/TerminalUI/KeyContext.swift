/// When a key binding applies.
public enum KeyContext: String, Sendable, CaseIterable {
  /// Everywhere.
  case global
  /// While the key help is open (it takes every key).
  case help
  /// While a candidate's detail (deltas, curve, diff, code, prompt, reply) is open.
  case detail
  /// While the plots pane has the focus.
  case plots
  /// While the language model's pane has the focus.
  case log
  /// While proposals wait for review.
  case review
  /// While a recorded session is replayed.
  case replay

  /// The heading help shows for the context.
  public var title: String {
    switch self {
    case .global: "General"
    case .help: "Help"
    case .detail: "Candidate detail"
    case .plots: "Plots pane"
    case .log: "Language-model pane"
    case .review: "Review"
    case .replay: "Replay"
    }
  }

  /// Whether the context is a view of its own over the main screen, whose keys replace the general ones in the
  /// footer (less, tig and lazygit show only the keys of the view at hand).
  public var isSubView: Bool { self == .help || self == .detail }
}
