/// Why a candidate program was rejected: where, what kind of problem, and a message a person (or an LM) can act on.
public struct ArchLangError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The broad class of a rejection, so callers can tell a typo from a runaway program.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The text is not valid Python.
    case syntax
    /// Valid Python, but outside the supported subset (an unknown layer, a forbidden name, an import).
    case unsupported
    /// The program failed while running (a wrong type, an unknown name, a failed assertion, a shape mismatch).
    case runtime
    /// The program ran past a resource limit (interpreter steps, recursion, parameters, memory).
    case limit
  }

  /// Where the problem is.
  public var location: SourceLocation
  /// The class of problem.
  public var kind: Kind
  /// What is wrong and, where possible, what is supported instead.
  public var message: String

  /// Creates an error at `location`.
  public init(_ kind: Kind, _ message: String, at location: SourceLocation) {
    self.kind = kind
    self.message = message
    self.location = location
  }

  /// `line:column: message`, the form shown to researchers and fed back to the LM.
  public var description: String { "\(location): \(message)" }
}
