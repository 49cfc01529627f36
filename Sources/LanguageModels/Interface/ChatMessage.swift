import MemberwiseInit

/// One turn of a chat conversation.
@MemberwiseInit
public struct ChatMessage: Sendable, Codable, Equatable {
  /// `system`, `user` or `assistant`.
  public var role: String
  /// The text of the turn.
  public var content: String

  /// A system turn.
  public static func system(_ content: String) -> ChatMessage { ChatMessage(role: "system", content: content) }
  /// A user turn.
  public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
  /// An assistant turn.
  public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: "assistant", content: content) }
}
