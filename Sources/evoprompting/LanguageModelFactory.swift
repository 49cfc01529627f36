import ArgumentParser
import Evolution
import Foundation
import LanguageModels
import Sessions

/// Builds the language model a search asked for.
enum LanguageModelFactory {
  /// The backends `--lm` accepts.
  static let backends = ["embedded", "openai", "anthropic", "replay"]

  static func make(_ options: LanguageModelOptions) throws -> any LanguageModel {
    var transport = HTTPTransportOptions()
    if let limit = options.maxConcurrentRequests {
      guard limit > 0 else { throw ValidationError("--max-concurrent-requests must be positive") }
      transport.maxConcurrentRequests = limit
    }
    switch options.lm {
    case "embedded":
      return try EmbeddedLanguageModel(
        path: try embeddedModelPath(options), threadCount: ProcessInfo.processInfo.activeProcessorCount)
    case "openai":
      guard let baseURL = options.baseURL else { throw ValidationError("--lm openai needs --base-url URL (e.g. http://127.0.0.1:8080/v1)") }
      guard let model = options.model else { throw ValidationError("--lm openai needs --model NAME") }
      let style: OpenAIEndpointStyle
      switch options.endpoint ?? "chat" {
      case "chat": style = .chatCompletions
      case "completions": style = .completions
      case let other: throw ValidationError("unknown --endpoint '\(other)'; use chat or completions")
      }
      // Local servers need no key; hosted APIs read theirs from the environment.
      let key = APIKey.fromEnvironment(options.apiKeyEnv ?? OpenAICompatibleLanguageModel.defaultAPIKeyVariable)
      return try OpenAICompatibleLanguageModel(
        baseURL: baseURL, model: model, apiKey: key, endpointStyle: style,
        systemMessage: style == .chatCompletions ? PromptBuilder.chatInstruction : nil, transportOptions: transport)
    case "anthropic":
      guard let model = options.model else { throw ValidationError("--lm anthropic needs --model NAME") }
      let key = try APIKey.requiredFromEnvironment(options.apiKeyEnv ?? AnthropicLanguageModel.defaultAPIKeyVariable)
      return try AnthropicLanguageModel(
        model: model, apiKey: key, baseURL: options.baseURL ?? AnthropicLanguageModel.defaultBaseURL,
        systemMessage: PromptBuilder.chatInstruction, transportOptions: transport)
    case "replay":
      guard let session = options.replaySession else { throw ValidationError("--lm replay needs --replay-session DIR") }
      let contents: EventLog.Contents
      do { contents = try EventLog.read(at: URL(fileURLWithPath: session)) } catch { throw ValidationError("\(error)") }
      return ReplayLanguageModel(recordings: SessionReplayRecordings.recordings(from: SessionState(events: contents.events)))
    default:
      throw ValidationError("unknown --lm '\(options.lm)'; backends are: \(backends.joined(separator: ", "))")
    }
  }

  /// The GGUF file of the embedded model `options` name (default: Qwen2.5-Coder-0.5B when installed).
  static func embeddedModelPath(_ options: LanguageModelOptions) throws -> String {
    try embeddedModelPath(options.model)
  }

  /// The GGUF file of `model` (a name or a path), or of the default model when nil: Qwen2.5-Coder-0.5B, or
  /// another installed known model (said on stderr) when it is not installed.
  static func embeddedModelPath(_ model: String?) throws -> String {
    do {
      return try ModelStore().resolveEmbedded(model) { chosen in
        let note = "note: \(KnownModel.defaultModel.name) is not installed; using \(chosen.name) "
          + "(install the default with: evoprompting models fetch \(KnownModel.defaultModel.name))\n"
        FileHandle.standardError.write(Data(note.utf8))
      }
    } catch {
      throw ValidationError(
        "\(error)\nInstall the default model with: evoprompting models fetch \(KnownModel.defaultModel.name)")
    }
  }
}
