import Foundation

/// Builds `text/event-stream` bodies for scripted replies.
enum ServerSentEventText {
  /// `data: JSON` followed by a blank line.
  static func data(_ json: String) -> String { "data: \(json)\n\n" }

  /// `event: NAME`, `data: JSON`, blank line (Anthropic's framing).
  static func event(_ name: String, _ json: String) -> String { "event: \(name)\ndata: \(json)\n\n" }

  /// An OpenAI chat delta for choice `index`.
  static func chatDelta(_ index: Int, _ text: String, finish: String? = nil) -> String {
    let content = text.isEmpty ? "" : #","delta":{"content":\#(quoted(text))}"#
    let emptyDelta = text.isEmpty ? #","delta":{}"# : ""
    let reason = finish.map { #""\#($0)""# } ?? "null"
    return data(
      #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":\#(index)\#(content)\#(emptyDelta),"finish_reason":\#(reason)}]}"#
    )
  }

  /// An OpenAI text-completion piece for choice `index`.
  static func textPiece(_ index: Int, _ text: String, finish: String? = nil) -> String {
    let reason = finish.map { #""\#($0)""# } ?? "null"
    return data(
      #"{"id":"t1","object":"text_completion","choices":[{"index":\#(index),"text":\#(quoted(text)),"finish_reason":\#(reason)}]}"#
    )
  }

  /// `text` as a JSON string literal.
  static func quoted(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
  }
}
