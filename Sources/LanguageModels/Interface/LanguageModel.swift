/// Anything that completes prompts: the embedded GGUF runtime, HTTP backends, a replay of recorded replies.
///
/// The evolution loop talks only to this protocol. Backends stream through `onChunk` (called in order, per
/// sample) or through `stream(_:)`, built on top of it.
public protocol LanguageModel: Sendable {
  /// A short human-readable name, e.g. `smollm2-135m (embedded)`.
  var name: String { get }

  /// Completes `request.prompt` `request.sampleCount` times; `onChunk` receives text as it is generated.
  func complete(_ request: CompletionRequest, onChunk: (@Sendable (CompletionChunk) -> Void)?) async throws
    -> [Completion]
}

extension LanguageModel {
  /// Completes without streaming.
  public func complete(_ request: CompletionRequest) async throws -> [Completion] {
    try await complete(request, onChunk: nil)
  }

  /// The chunks of `request` as an asynchronous stream; it finishes when every sample is done.
  public func stream(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionChunk, Error> {
    AsyncThrowingStream { continuation in
      let task = Task {
        do {
          _ = try await self.complete(request) { continuation.yield($0) }
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }
}
