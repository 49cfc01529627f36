import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A language model behind an OpenAI-compatible HTTP API: vLLM, llama.cpp's server, Ollama, LM Studio, or a
/// hosted service.
///
/// A request for `sampleCount` samples sends `n`; servers that return fewer choices (Ollama and llama.cpp ignore
/// `n`) get further requests, run concurrently within the backend's limit, until every sample is in. Each further
/// request uses `seed + k` so seeded servers do not repeat the same sample. With `streams` on, text arrives through
/// server-sent events and reaches `onChunk` as it is generated; a server that answers a streaming request with plain
/// JSON is read as such and each sample's text is passed to `onChunk` in one piece.
public final class OpenAICompatibleLanguageModel: LanguageModel {
  public let name: String
  /// The API root, e.g. `http://127.0.0.1:8080/v1`; endpoints are resolved below it.
  public let apiRoot: URL
  /// The model name sent in each request.
  public let model: String
  public let endpointStyle: OpenAIEndpointStyle
  /// Sent before the prompt as a system message (chat endpoint only; the text endpoint has no roles).
  public let systemMessage: String?
  /// Sent as `Authorization: Bearer …`; local servers usually need none.
  public let apiKey: APIKey?
  /// Ask for server-sent events.
  public let streams: Bool
  /// Send `SamplingParameters.seed` as `seed` (some hosted APIs reject or ignore it).
  public let sendsSeed: Bool
  public let transportOptions: HTTPTransportOptions
  let transport: HTTPTransport

  /// The environment variable an OpenAI-compatible key is read from unless the user names another.
  public static let defaultAPIKeyVariable = "OPENAI_API_KEY"

  /// Creates a backend for `model` at `baseURL`.
  ///
  /// `baseURL` may be given with or without the API version: `http://127.0.0.1:8080`, `http://127.0.0.1:8080/`
  /// and `http://127.0.0.1:8080/v1` all mean `http://127.0.0.1:8080/v1`; a URL with any other path
  /// (`https://openrouter.ai/api/v1`) is used as given.
  public init(
    baseURL: String, model: String, apiKey: APIKey? = nil, endpointStyle: OpenAIEndpointStyle = .chatCompletions,
    systemMessage: String? = nil, streams: Bool = true, sendsSeed: Bool = true,
    transportOptions: HTTPTransportOptions = HTTPTransportOptions()
  ) throws {
    let root = try Self.apiRoot(from: baseURL)
    apiRoot = root
    self.model = model
    self.apiKey = apiKey
    self.endpointStyle = endpointStyle
    self.systemMessage = systemMessage
    self.streams = streams
    self.sendsSeed = sendsSeed
    self.transportOptions = transportOptions
    transport = HTTPTransport(options: transportOptions)
    let host = root.host.map { host in root.port.map { "\(host):\($0)" } ?? host } ?? root.absoluteString
    name = "\(model) (OpenAI-compatible, \(host))"
  }

  /// The API root for `baseURL`: `/v1` is appended when the URL has no path.
  public static func apiRoot(from baseURL: String) throws -> URL {
    try BackendBaseURL.parse(baseURL) { path in path.isEmpty ? "/v1" : path }
  }

  /// The URL requests are sent to.
  public var endpointURL: URL { apiRoot.appendingPathComponent(endpointStyle.path) }

  public func complete(
    _ request: CompletionRequest, onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) async throws -> [Completion] {
    let wanted = request.sampleCount
    guard wanted > 0 else { return [] }
    var completions: [Int: Completion] = [:]
    completions.reserveCapacity(wanted)
    // The first request asks for everything; its answer shows how many choices this server returns at once.
    let first = try await requestChoices(request, slots: Array(0..<wanted), requestNumber: 0, onChunk: onChunk)
    completions.merge(first) { old, _ in old }
    var perRequest = max(1, first.count)
    var requestNumber = 1
    while completions.count < wanted {
      let missing = (0..<wanted).filter { completions[$0] == nil }
      var plans: [(slots: [Int], number: Int)] = []
      var start = 0
      while start < missing.count {
        let end = min(missing.count, start + perRequest)
        plans.append((Array(missing[start..<end]), requestNumber))
        requestNumber += 1
        start = end
      }
      let round = try await withThrowingTaskGroup(of: [Int: Completion].self) { group in
        for plan in plans {
          group.addTask {
            try await self.requestChoices(request, slots: plan.slots, requestNumber: plan.number, onChunk: onChunk)
          }
        }
        var collected: [[Int: Completion]] = []
        for try await result in group { collected.append(result) }
        return collected
      }
      for result in round {
        perRequest = max(perRequest, result.count)
        completions.merge(result) { old, _ in old }
      }
    }
    return (0..<wanted).map { completions[$0]! }
  }

  /// One HTTP request asking for `slots.count` choices; choice `i` of the reply fills sample `slots[i]`.
  ///
  /// Returns at least one completion (a reply without choices is malformed) and at most `slots.count`.
  func requestChoices(
    _ request: CompletionRequest, slots: [Int], requestNumber: Int, onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) async throws -> [Int: Completion] {
    let body = requestBody(
      prompt: request.prompt, parameters: request.parameters, count: slots.count, requestNumber: requestNumber)
    var urlRequest = URLRequest(url: endpointURL)
    urlRequest.httpMethod = "POST"
    urlRequest.httpBody = body.encoded()
    urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
    urlRequest.setValue(
      streams ? "text/event-stream, application/json" : "application/json", forHTTPHeaderField: "Accept")
    if let apiKey { urlRequest.setValue("Bearer \(apiKey.secret)", forHTTPHeaderField: "Authorization") }
    let context = HTTPRequestContext(
      model: model, apiKeyVariable: apiKey?.environmentVariable ?? Self.defaultAPIKeyVariable,
      secrets: apiKey.map { [$0.secret] } ?? [])
    let style = endpointStyle
    let stopSequences = request.parameters.stopSequences
    return try await transport.send(urlRequest, context: context) { stream, progress in
      let started = Date()
      let choices = try await Self.readChoices(
        stream, style: style, slots: slots, progress: progress, context: context, onChunk: onChunk)
      let elapsed = Date().timeIntervalSince(started)
      var result: [Int: Completion] = [:]
      for choice in choices.choices where choice.index < slots.count {
        var completion = Completion(
          text: choice.text,
          finishReason: Self.finishReason(
            choice.finishReason, stopReason: choice.stopReason, stopSequences: stopSequences),
          promptTokenCount: choices.promptTokens)
        if choices.choices.count == 1, let generated = choices.completionTokens, elapsed > 0 {
          completion.tokensPerSecond = Double(generated) / elapsed
        }
        result[slots[choice.index]] = completion
      }
      guard !result.isEmpty else {
        throw HTTPBackendError.malformedReply(reason: "the reply has no choices", excerpt: choices.excerpt)
      }
      return result
    }
  }
}
