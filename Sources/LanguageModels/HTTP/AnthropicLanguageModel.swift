import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A Claude model behind Anthropic's Messages API (`POST {base}/v1/messages`).
///
/// The API has no `n`, so a request for `sampleCount` samples sends that many requests, concurrently within
/// the backend's limit. With `streams` on, `content_block_delta` events reach `onChunk` as the text is generated;
/// a plain JSON answer to a streaming request is read as such and passed on in one piece per sample.
public final class AnthropicLanguageModel: LanguageModel {
  public let name: String
  /// The service root, e.g. `https://api.anthropic.com`; requests go to `{baseURL}/v1/messages`.
  public let baseURL: URL
  public let model: String
  public let apiKey: APIKey
  /// Sent as the `system` prompt.
  public let systemMessage: String?
  public let streams: Bool
  public let transportOptions: HTTPTransportOptions
  let transport: HTTPTransport

  /// The environment variable the key is read from.
  public static let defaultAPIKeyVariable = "ANTHROPIC_API_KEY"
  /// Anthropic's public endpoint.
  public static let defaultBaseURL = "https://api.anthropic.com"
  /// The API version this client speaks.
  public static let apiVersion = "2023-06-01"

  /// Creates a backend for `model`. `baseURL` may end in `/v1` or not.
  public init(
    model: String, apiKey: APIKey, baseURL: String = AnthropicLanguageModel.defaultBaseURL,
    systemMessage: String? = nil, streams: Bool = true, transportOptions: HTTPTransportOptions = HTTPTransportOptions()
  ) throws {
    self.baseURL = try BackendBaseURL.parse(baseURL) { path in path.hasSuffix("/v1") ? String(path.dropLast(3)) : path }
    self.model = model
    self.apiKey = apiKey
    self.systemMessage = systemMessage
    self.streams = streams
    self.transportOptions = transportOptions
    transport = HTTPTransport(options: transportOptions)
    name = "\(model) (Anthropic)"
  }

  /// The URL requests are sent to.
  public var endpointURL: URL { baseURL.appendingPathComponent("v1/messages") }

  public func complete(
    _ request: CompletionRequest, onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) async throws -> [Completion] {
    guard request.sampleCount > 0 else { return [] }
    return try await withThrowingTaskGroup(of: (Int, Completion).self) { group in
      for sample in 0..<request.sampleCount {
        group.addTask { (sample, try await self.requestSample(request, sampleIndex: sample, onChunk: onChunk)) }
      }
      var completions: [Completion?] = Array(repeating: nil, count: request.sampleCount)
      for try await (sample, completion) in group { completions[sample] = completion }
      return completions.map { $0! }
    }
  }

  /// One request: the completion of sample `sampleIndex`.
  func requestSample(
    _ request: CompletionRequest, sampleIndex: Int, onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) async throws -> Completion {
    var urlRequest = URLRequest(url: endpointURL)
    urlRequest.httpMethod = "POST"
    urlRequest.httpBody = requestBody(prompt: request.prompt, parameters: request.parameters).encoded()
    urlRequest.setValue("application/json", forHTTPHeaderField: "content-type")
    urlRequest.setValue(apiKey.secret, forHTTPHeaderField: "x-api-key")
    urlRequest.setValue(Self.apiVersion, forHTTPHeaderField: "anthropic-version")
    urlRequest.setValue(
      streams ? "text/event-stream, application/json" : "application/json", forHTTPHeaderField: "accept")
    let context = HTTPRequestContext(
      model: model, apiKeyVariable: apiKey.environmentVariable ?? Self.defaultAPIKeyVariable, secrets: [apiKey.secret])
    return try await transport.send(urlRequest, context: context) { stream, progress in
      let started = Date()
      var (completion, outputTokens) = try await Self.readMessage(
        stream, sampleIndex: sampleIndex, progress: progress, context: context, onChunk: onChunk)
      let elapsed = Date().timeIntervalSince(started)
      if let outputTokens, elapsed > 0 { completion.tokensPerSecond = Double(outputTokens) / elapsed }
      return completion
    }
  }
}
