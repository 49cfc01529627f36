/// Checks a candidate program before anything trains it (the architecture language does this in the product).
public protocol ProposalValidator: Sendable {
  /// Whether `code` is a valid model for the task, with its parameter count and normalised fingerprint.
  func validate(_ code: String) async -> ValidationOutcome
}

/// The result of checking a program.
public enum ValidationOutcome: Sendable, Equatable {
  case valid(params: Int, fingerprint: String)
  /// Rejected, with the message and where in the program (1-based), when known.
  case invalid(message: String, line: Int?, column: Int?)
}
