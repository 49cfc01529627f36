import MemberwiseInit

/// What checking a candidate program found: its size and output shape, or why it was rejected.
@MemberwiseInit
public struct CandidateReport: Sendable, Hashable, Codable {
  /// Trainable parameters of the built model (nil when it was not built).
  public var parameterCount: Int?
  /// The shape of the example batch the model was run on.
  public var inputShape: [Int]?
  /// The shape the model returned for it.
  public var outputShape: [Int]?
  /// `model`, or the name of the class that was instantiated.
  public var modelName: String?
  /// The formatting-insensitive fingerprint of the program's text.
  public var fingerprint: String?
  /// What the built model computes (`CompiledModel.functionFingerprint`): equal for programs that build the same
  /// network however they are written, the fingerprint that finds duplicates. Nil when the check did not run the
  /// model.
  public var functionFingerprint: String?
  /// What the program printed.
  public var log: String = ""
  /// Why the program was rejected; nil when it was accepted.
  public var error: ArchLangError?

  /// Whether the program was accepted.
  public var isAccepted: Bool { error == nil }
}
