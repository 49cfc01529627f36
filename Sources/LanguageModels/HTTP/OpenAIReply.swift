/// The choices of one OpenAI-compatible reply, assembled from a JSON body or from streamed deltas.
struct OpenAIReply: Sendable {
  /// One choice: its text so far and, once known, why it ended.
  struct Choice: Sendable {
    var index: Int
    var text = ""
    /// `finish_reason` as sent (`stop`, `length`, …).
    var finishReason: String?
    /// vLLM's `stop_reason`: the matched stop string, or the stop token id.
    var stopReason: JSONValue?
  }

  private var choicesByIndex: [Int: Choice] = [:]
  var promptTokens: Int?
  var completionTokens: Int?
  /// The start of the reply, for error messages.
  var excerpt = ""

  /// Choices in index order.
  var choices: [Choice] { choicesByIndex.keys.sorted().map { choicesByIndex[$0]! } }

  /// Whether every choice has a finish reason.
  var isFinished: Bool { !choicesByIndex.isEmpty && choicesByIndex.values.allSatisfy { $0.finishReason != nil } }

  mutating func append(_ text: String, to index: Int) {
    choicesByIndex[index, default: Choice(index: index)].text += text
  }

  mutating func finish(_ index: Int, reason: String, stopReason: JSONValue?) {
    choicesByIndex[index, default: Choice(index: index)].finishReason = reason
    if let stopReason, !stopReason.isNull { choicesByIndex[index]?.stopReason = stopReason }
  }

  /// Records `usage` when the object carries one.
  mutating func readUsage(_ json: JSONValue) {
    guard let usage = json["usage"], !usage.isNull else { return }
    if let prompt = usage["prompt_tokens"]?.intValue { promptTokens = prompt }
    if let completion = usage["completion_tokens"]?.intValue { completionTokens = completion }
  }
}
