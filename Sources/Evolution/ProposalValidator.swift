import MemberwiseInit

/// Checks a candidate program before anything trains it (the architecture language does this in the product).
public protocol ProposalValidator: Sendable {
  /// Whether `code` is a valid model for the task, with its parameter count and normalised fingerprint.
  func validate(_ code: String) async -> ValidationOutcome
}

/// The result of checking a program.
public enum ValidationOutcome: Sendable, Equatable {
  /// Accepted; `repair` holds the program as the check repaired it, when it rewrote input sizes.
  case valid(params: Int, fingerprint: String, repair: ProgramRepair? = nil)
  /// Rejected, with the message and where in the program (1-based), when known.
  case invalid(message: String, line: Int?, column: Int?)
}

/// A program the check accepted after rewriting input sizes: the repaired text and each change, described.
@MemberwiseInit
public struct ProgramRepair: Sendable, Equatable {
  public var code: String
  public var changes: [String]
}
