import MemberwiseInit

/// One event of a `text/event-stream` body: its `event:` name (if any) and its `data:` lines joined by newlines.
@MemberwiseInit
public struct ServerSentEvent: Sendable, Equatable {
  public var event: String?
  public var data: String
}
