import Foundation

extension HTTPResponseStream {
  /// What a reply to a streaming request turned out to be.
  enum StreamedBody {
    /// Server-sent events, all delivered to the handler; `sawEnd` tells whether the handler asked to stop
    /// (it saw the protocol's final event) rather than the connection simply closing.
    case events(sawEnd: Bool)
    /// A plain JSON reply: the server ignored `"stream": true`.
    case json(Data)
  }

  /// Reads the body as server-sent events, passing each to `onEvent` as soon as it is complete, unless it turns
  /// out to be plain JSON, which is returned whole.
  ///
  /// `onEvent` returns `false` to stop reading (after `[DONE]` or `message_stop`). The body is taken as JSON when
  /// the content type says so or, for servers that mislabel it, when its first non-blank byte is `{` or `[`.
  func readServerSentEvents(onEvent: (ServerSentEvent) throws -> Bool) async throws -> StreamedBody {
    let contentType = header("Content-Type")?.lowercased() ?? ""
    var parser = ServerSentEventParser()
    var decided = contentType.contains("text/event-stream")
    var prefix = Data()
    var received = 0
    while let chunk = try await nextChunk() {
      received += chunk.count
      if received > Self.replyLimit { throw HTTPBackendError.replyTooLarge(limitBytes: Self.replyLimit) }
      if !decided {
        prefix.append(chunk)
        guard let first = prefix.first(where: { !Self.isBlank($0) }) else { continue }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
          return .json(prefix + (try await readWhole(alreadyRead: prefix.count)))
        }
        decided = true
      }
      let bytes = prefix.isEmpty ? chunk : prefix
      prefix = Data()
      for event in parser.feed(bytes) {
        if try !onEvent(event) { return .events(sawEnd: true) }
      }
    }
    if !decided && !prefix.isEmpty { return .json(prefix) }
    for event in parser.finish() {
      if try !onEvent(event) { return .events(sawEnd: true) }
    }
    return .events(sawEnd: false)
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
