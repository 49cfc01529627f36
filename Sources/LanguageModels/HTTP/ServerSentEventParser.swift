import Foundation

/// Splits a `text/event-stream` body into events as its bytes arrive, in whatever pieces the network delivers.
///
/// Follows the WHATWG rules that matter for LLM servers: lines end in LF, CRLF or CR; `data:` lines of one event
/// are joined with newlines; one optional space after the colon is dropped; lines starting with `:` are
/// comments (keep-alives); a blank line dispatches the event. Bytes are decoded per complete line, so a UTF-8
/// character split across network packets is never garbled.
public struct ServerSentEventParser: Sendable {
  private var pending: [UInt8] = []
  private var eventName: String?
  private var dataLines: [String] = []
  /// A CR ended the last line; a LF right after it belongs to the same line break.
  private var lastByteWasCarriageReturn = false

  public init() {}

  /// Consumes `bytes` and returns the events they complete.
  public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [ServerSentEvent] where Bytes.Element == UInt8 {
    var events: [ServerSentEvent] = []
    for byte in bytes {
      if lastByteWasCarriageReturn {
        lastByteWasCarriageReturn = false
        if byte == UInt8(ascii: "\n") { continue }
      }
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        lastByteWasCarriageReturn = byte == UInt8(ascii: "\r")
        if let event = processLine() { events.append(event) }
      } else {
        pending.append(byte)
      }
    }
    return events
  }

  /// Ends the stream: an event not yet closed by a blank line is dispatched (servers often omit the last one).
  public mutating func finish() -> [ServerSentEvent] {
    var events: [ServerSentEvent] = []
    if !pending.isEmpty, let event = processLine() { events.append(event) }
    if let event = dispatch() { events.append(event) }
    return events
  }

  private mutating func processLine() -> ServerSentEvent? {
    let line = String(decoding: pending, as: UTF8.self)
    pending.removeAll(keepingCapacity: true)
    if line.isEmpty { return dispatch() }
    if line.hasPrefix(":") { return nil }
    let field: Substring
    var value: Substring
    if let colon = line.firstIndex(of: ":") {
      field = line[..<colon]
      value = line[line.index(after: colon)...]
      if value.hasPrefix(" ") { value = value.dropFirst() }
    } else {
      field = Substring(line)
      value = ""
    }
    switch field {
    case "data": dataLines.append(String(value))
    case "event": eventName = String(value)
    default: break  // `id` and `retry` do not matter for one-shot completions.
    }
    return nil
  }

  private mutating func dispatch() -> ServerSentEvent? {
    defer {
      eventName = nil
      dataLines.removeAll()
    }
    guard !dataLines.isEmpty else { return nil }
    return ServerSentEvent(event: eventName, data: dataLines.joined(separator: "\n"))
  }
}
