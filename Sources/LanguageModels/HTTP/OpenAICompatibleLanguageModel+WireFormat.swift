import Foundation

extension OpenAICompatibleLanguageModel {
  /// The JSON body of a request for `count` choices; `requestNumber` offsets the seed of follow-up requests.
  ///
  /// Only parameters every OpenAI-compatible server accepts are sent (`top_k`, `min_p` and repetition penalties
  /// are server-specific extensions that hosted APIs reject).
  func requestBody(prompt: String, parameters: SamplingParameters, count: Int, requestNumber: Int) -> JSONValue {
    var body: [String: JSONValue] = [
      "model": .string(model),
      "max_tokens": .integer(max(1, parameters.maxTokens)),
      "temperature": .float(max(0, parameters.temperature)),
    ]
    switch endpointStyle {
    case .chatCompletions:
      var messages: [JSONValue] = []
      if let systemMessage {
        messages.append(.object(["role": .string("system"), "content": .string(systemMessage)]))
      }
      messages.append(.object(["role": .string("user"), "content": .string(prompt)]))
      body["messages"] = .array(messages)
    case .completions:
      body["prompt"] = .string(prompt)
    }
    if count > 1 { body["n"] = .integer(count) }
    if parameters.topP < 1 { body["top_p"] = .float(parameters.topP) }
    if !parameters.stopSequences.isEmpty { body["stop"] = .array(parameters.stopSequences.map { .string($0) }) }
    if sendsSeed {
      // OpenAI seeds are signed 64-bit integers.
      let seed = (parameters.seed &+ UInt64(requestNumber)) & UInt64(Int64.max)
      body["seed"] = .integer(Int(seed))
    }
    if streams { body["stream"] = .bool(true) }
    return .object(body)
  }

  /// Reads a reply (streamed or plain JSON) and passes each choice's new text to `onChunk` as sample
  /// `slots[index]`.
  static func readChoices(
    _ stream: HTTPResponseStream, style: OpenAIEndpointStyle, slots: [Int], progress: AttemptProgress,
    context: HTTPRequestContext, onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) async throws -> OpenAIReply {
    var reply = OpenAIReply()
    let body = try await stream.readServerSentEvents { event in
      if reply.excerpt.isEmpty { reply.excerpt = context.redact(HTTPBackendError.excerpt(Data(event.data.utf8))) }
      if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" { return false }
      guard let json = JSONValue.parse(Data(event.data.utf8)) else {
        throw HTTPBackendError.malformedReply(
          reason: "a streamed event is not JSON",
          excerpt: context.redact(HTTPBackendError.excerpt(Data(event.data.utf8))))
      }
      try throwIfError(json, context: context)
      for choice in json["choices"]?.arrayValue ?? [] {
        let index = choice["index"]?.intValue ?? 0
        let piece = style == .chatCompletions ? choice["delta"]?["content"]?.stringValue : choice["text"]?.stringValue
        if let piece, !piece.isEmpty {
          reply.append(piece, to: index)
          if index < slots.count, let onChunk {
            progress.markDelivered()
            onChunk(CompletionChunk(sampleIndex: slots[index], text: piece))
          }
        }
        if let reason = choice["finish_reason"]?.stringValue {
          reply.finish(index, reason: reason, stopReason: choice["stop_reason"])
        }
      }
      reply.readUsage(json)
      return true
    }
    switch body {
    case .events(let sawEnd):
      if sawEnd && reply.choices.isEmpty {
        // llama-cpp-python's server (with `interrupt_requests`) ends a stream this way when another request
        // arrives while it is generating.
        throw HTTPBackendError.malformedReply(
          reason: "the stream ended with [DONE] before any text or finish reason (a server that cuts a stream "
            + "when another request arrives needs a concurrency limit of 1)",
          excerpt: reply.excerpt)
      }
      if sawEnd || reply.isFinished { return reply }
      if reply.excerpt.isEmpty {
        throw HTTPBackendError.malformedReply(reason: "the reply is empty", excerpt: "")
      }
      // Without a finish reason the samples may be cut short.
      throw progress.streamEndedEarly(stream, reason: "the server closed the stream before [DONE]")
    case .json(let data):
      reply = try parseJSONReply(data, style: style, context: context)
      if let onChunk {
        for choice in reply.choices where choice.index < slots.count && !choice.text.isEmpty {
          onChunk(CompletionChunk(sampleIndex: slots[choice.index], text: choice.text))
        }
      }
      return reply
    }
  }

  /// The choices of a complete JSON reply.
  static func parseJSONReply(_ data: Data, style: OpenAIEndpointStyle, context: HTTPRequestContext) throws
    -> OpenAIReply
  {
    let excerpt = context.redact(HTTPBackendError.excerpt(data))
    guard let json = JSONValue.parse(data) else {
      throw HTTPBackendError.malformedReply(reason: "the reply is not JSON", excerpt: excerpt)
    }
    try throwIfError(json, context: context)
    guard let choices = json["choices"]?.arrayValue else {
      throw HTTPBackendError.malformedReply(reason: "the reply has no \"choices\" array", excerpt: excerpt)
    }
    var reply = OpenAIReply()
    reply.excerpt = excerpt
    for (position, choice) in choices.enumerated() {
      let index = choice["index"]?.intValue ?? position
      let text: String?
      switch style {
      case .chatCompletions:
        // A message whose content is null (a refusal or a tool call) is an empty sample, not a broken reply.
        guard let message = choice["message"] else {
          throw HTTPBackendError.malformedReply(reason: "choice \(index) has no \"message\"", excerpt: excerpt)
        }
        text = message["content"]?.stringValue ?? ""
      case .completions:
        text = choice["text"]?.stringValue
      }
      guard let text else {
        throw HTTPBackendError.malformedReply(reason: "choice \(index) has no text", excerpt: excerpt)
      }
      reply.append(text, to: index)
      reply.finish(index, reason: choice["finish_reason"]?.stringValue ?? "stop", stopReason: choice["stop_reason"])
    }
    reply.readUsage(json)
    return reply
  }

  /// Throws `errorInReply` when `json` is an error object (`{"error": …}`), which some servers send with 200.
  static func throwIfError(_ json: JSONValue, context: HTTPRequestContext) throws {
    guard let error = json["error"], !error.isNull else { return }
    let message = error["message"]?.stringValue ?? error.stringValue ?? String(decoding: error.encoded(), as: UTF8.self)
    throw HTTPBackendError.errorInReply(serverMessage: context.redact(HTTPBackendError.excerpt(Data(message.utf8))))
  }

  /// Maps an OpenAI `finish_reason` to ours. `stop` covers both end-of-sequence and a stop string; vLLM's
  /// `stop_reason` (the matched string) tells them apart, other servers do not, so `stop` means end-of-sequence
  /// unless a stop string is known to have matched.
  static func finishReason(_ reason: String?, stopReason: JSONValue?, stopSequences: [String]) -> FinishReason {
    switch reason {
    case "length", "max_tokens", "model_length": return .length
    case "stop_sequence": return .stopSequence
    case "stop":
      if let matched = stopReason?.stringValue, stopSequences.isEmpty || stopSequences.contains(matched) {
        return .stopSequence
      }
      return .endOfSequence
    default: return .endOfSequence
    }
  }
}
