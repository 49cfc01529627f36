import ArgumentParser
import Evolution
import Foundation
import LanguageModels
import Sessions

/// Builds the language model a search asked for.
enum LanguageModelFactory {
  static func make(_ settings: LanguageModelSettings) throws -> any LanguageModel {
    var transport = HTTPTransportOptions()
    if let limit = settings.maxConcurrentRequests { transport.maxConcurrentRequests = limit }
    switch settings.backend {
    case .embedded:
      return try EmbeddedLanguageModel(
        path: try embeddedModelPath(settings), threadCount: ProcessInfo.processInfo.activeProcessorCount)
    case .openai:
      guard let baseURL = settings.baseURL else {
        throw ValidationError("--lm openai needs --base-url URL (e.g. http://127.0.0.1:8080/v1)")
      }
      guard let model = settings.model else { throw ValidationError("--lm openai needs --model NAME") }
      let style: OpenAIEndpointStyle = settings.endpoint == .completions ? .completions : .chatCompletions
      // Local servers need no key; hosted APIs read theirs from the environment.
      let key = APIKey.fromEnvironment(
        settings.apiKeyEnvironmentVariable ?? OpenAICompatibleLanguageModel.defaultAPIKeyVariable)
      return try OpenAICompatibleLanguageModel(
        baseURL: baseURL, model: model, apiKey: key, endpointStyle: style,
        systemMessage: style == .chatCompletions ? PromptBuilder.chatInstruction : nil, transportOptions: transport)
    case .anthropic:
      guard let model = settings.model else { throw ValidationError("--lm anthropic needs --model NAME") }
      let key = try APIKey.requiredFromEnvironment(
        settings.apiKeyEnvironmentVariable ?? AnthropicLanguageModel.defaultAPIKeyVariable)
      return try AnthropicLanguageModel(
        model: model, apiKey: key, baseURL: settings.baseURL ?? AnthropicLanguageModel.defaultBaseURL,
        systemMessage: PromptBuilder.chatInstruction, transportOptions: transport)
    case .replay:
      guard let session = settings.replaySession else {
        throw ValidationError("--lm replay needs --replay-session DIR")
      }
      let contents = try EventLog.read(at: URL(fileURLWithPath: session))
      return ReplayLanguageModel(
        recordings: SessionReplayRecordings.recordings(from: SessionState(events: contents.events)))
    }
  }

  /// The GGUF file of the embedded model `settings` name (default: Qwen2.5-Coder-0.5B when installed).
  static func embeddedModelPath(_ settings: LanguageModelSettings) throws -> String {
    try embeddedModelPath(settings.model)
  }

  /// The GGUF file of `model` (a name or a path), or of the default model when nil: Qwen2.5-Coder-0.5B, or
  /// another installed known model (said on stderr) when it is not installed.
  static func embeddedModelPath(_ model: String?) throws -> String {
    do {
      return try ModelStore().resolveEmbedded(model) { chosen in
        let note =
          "note: \(KnownModel.defaultModel.name) is not installed; using \(chosen.name) "
          + "(install the default with: evoprompting models fetch \(KnownModel.defaultModel.name))\n"
        FileHandle.standardError.write(Data(note.utf8))
      }
    } catch {
      throw CommandFailure(
        "\(error). Install the default model with: evoprompting models fetch \(KnownModel.defaultModel.name)")
    }
  }
}
