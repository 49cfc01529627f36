import Foundation

extension AnthropicLanguageModel {
  /// The JSON body of one Messages request.
  func requestBody(prompt: String, parameters: SamplingParameters) -> JSONValue {
    var body: [String: JSONValue] = [
      "model": .string(model),
      "max_tokens": .integer(max(1, parameters.maxTokens)),
      "messages": .array([.object(["role": .string("user"), "content": .string(prompt)])]),
      // The Messages API accepts temperatures from 0 to 1.
      "temperature": .float(min(1, max(0, parameters.temperature))),
    ]
    if let systemMessage { body["system"] = .string(systemMessage) }
    if !parameters.stopSequences.isEmpty {
      body["stop_sequences"] = .array(parameters.stopSequences.map { .string($0) })
    }
    if parameters.topP < 1 { body["top_p"] = .float(parameters.topP) }
    if parameters.topK > 0 { body["top_k"] = .integer(parameters.topK) }
    if streams { body["stream"] = .bool(true) }
    return .object(body)
  }

  /// Reads one message (streamed or plain JSON): the completion and, when the server reports it, the number of
  /// tokens generated.
  static func readMessage(
    _ stream: HTTPResponseStream, sampleIndex: Int, progress: AttemptProgress, context: HTTPRequestContext,
    onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) async throws -> (completion: Completion, outputTokens: Int?) {
    var text = ""
    var stopReason: String?
    var inputTokens: Int?
    var outputTokens: Int?
    var sawStart = false
    var excerpt = ""
    let body = try await stream.readServerSentEvents { event in
      if excerpt.isEmpty { excerpt = context.redact(HTTPBackendError.excerpt(Data(event.data.utf8))) }
      guard let json = JSONValue.parse(Data(event.data.utf8)) else {
        throw HTTPBackendError.malformedReply(
          reason: "a streamed event is not JSON",
          excerpt: context.redact(HTTPBackendError.excerpt(Data(event.data.utf8))))
      }
      switch json["type"]?.stringValue ?? event.event ?? "" {
      case "message_start":
        sawStart = true
        if let tokens = json["message"]?["usage"]?["input_tokens"]?.intValue { inputTokens = tokens }
      case "content_block_delta":
        if json["delta"]?["type"]?.stringValue == "text_delta", let piece = json["delta"]?["text"]?.stringValue,
          !piece.isEmpty
        {
          text += piece
          if let onChunk {
            progress.markDelivered()
            onChunk(CompletionChunk(sampleIndex: sampleIndex, text: piece))
          }
        }
      case "message_delta":
        if let reason = json["delta"]?["stop_reason"]?.stringValue { stopReason = reason }
        if let tokens = json["usage"]?["output_tokens"]?.intValue { outputTokens = tokens }
      case "message_stop":
        return false
      case "error":
        throw streamError(json, context: context)
      default:
        break  // ping, content_block_start/stop, and event types added later
      }
      return true
    }
    switch body {
    case .events(let sawEnd):
      guard sawStart else {
        throw HTTPBackendError.malformedReply(reason: "the event stream has no message_start", excerpt: excerpt)
      }
      guard sawEnd || stopReason != nil else {
        throw progress.streamEndedEarly(stream, reason: "the server closed the stream before message_stop")
      }
    case .json(let data):
      let bodyExcerpt = context.redact(HTTPBackendError.excerpt(data))
      guard let json = JSONValue.parse(data) else {
        throw HTTPBackendError.malformedReply(reason: "the reply is not JSON", excerpt: bodyExcerpt)
      }
      if json["type"]?.stringValue == "error" { throw streamError(json, context: context) }
      guard let blocks = json["content"]?.arrayValue else {
        throw HTTPBackendError.malformedReply(reason: "the reply has no \"content\" array", excerpt: bodyExcerpt)
      }
      text = blocks.filter { $0["type"]?.stringValue == "text" }.compactMap { $0["text"]?.stringValue }.joined()
      stopReason = json["stop_reason"]?.stringValue
      inputTokens = json["usage"]?["input_tokens"]?.intValue
      outputTokens = json["usage"]?["output_tokens"]?.intValue
      if let onChunk, !text.isEmpty { onChunk(CompletionChunk(sampleIndex: sampleIndex, text: text)) }
    }
    return (Completion(text: text, finishReason: finishReason(stopReason), promptTokenCount: inputTokens), outputTokens)
  }

  /// The error an `error` event or body describes: overload and API errors may pass with a retry, rate limits
  /// are rate limits, anything else is a rejected request.
  static func streamError(_ json: JSONValue, context: HTTPRequestContext) -> HTTPBackendError {
    let kind = json["error"]?["type"]?.stringValue ?? ""
    let message = context.redact(
      HTTPBackendError.excerpt(Data((json["error"]?["message"]?.stringValue ?? kind).utf8)))
    switch kind {
    case "rate_limit_error": return .rateLimited(attempts: 1, serverMessage: message)
    case "overloaded_error", "api_error", "timeout_error": return .errorInReply(serverMessage: "\(kind): \(message)")
    case "authentication_error", "permission_error":
      return .authenticationFailed(status: 401, environmentVariable: context.apiKeyVariable, serverMessage: message)
    default: return .requestRejected(status: 400, serverMessage: kind.isEmpty ? message : "\(kind): \(message)")
    }
  }

  /// Maps Anthropic's `stop_reason` to ours.
  static func finishReason(_ reason: String?) -> FinishReason {
    switch reason {
    case "max_tokens", "model_context_window_exceeded": return .length
    case "stop_sequence": return .stopSequence
    default: return .endOfSequence  // end_turn, pause_turn, refusal, tool_use
    }
  }
}
