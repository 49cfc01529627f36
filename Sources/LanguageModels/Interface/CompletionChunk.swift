import MemberwiseInit

/// A piece of streamed output: new text of one sample as soon as it is known.
@MemberwiseInit
public struct CompletionChunk: Sendable, Equatable {
  /// Which sample of the request (0-based).
  public var sampleIndex: Int
  /// New text (complete UTF-8 characters only; may be empty while a character is still partial).
  public var text: String
  /// The token that produced it, when the backend exposes tokens.
  public var token: Int?
}
