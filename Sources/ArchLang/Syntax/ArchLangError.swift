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
  /// For a layer whose written input size (`in_features`, `in_channels`) is not what its input has: the size that
  /// would have fitted, so a check can repair the constructor (`CandidateCheck.runRepairingInputSizes`).
  public var inputSizeFix: InputSizeFix?

  /// Creates an error at `location`.
  public init(_ kind: Kind, _ message: String, at location: SourceLocation) {
    self.kind = kind
    self.message = message
    self.location = location
  }

  /// `line:column: message`, the form shown to researchers and fed back to the LM.
  public var description: String { "\(location): \(message)" }
}

/// The input size a layer should have been built with: the constructor call's place, which argument, and the size
/// of the input it was given.
public struct InputSizeFix: Sendable, Hashable, Codable {
  /// Where the layer was constructed (`nn.Linear(...)`).
  public var constructedAt: SourceLocation
  /// `in_features` or `in_channels`.
  public var argument: String
  /// The size the layer's input has.
  public var size: Int
}
