/// Which language model a search talks to, as flags, the TOML file and the session log's `language_model` name it.
/// Keys and secrets are never settings: an API key is read from the environment variable `api_key_env` names.
public struct LanguageModelSettings: SettingsModel, Equatable {
  public var backend = LanguageModelBackend.embedded
  /// A GGUF path or installed name for the embedded backend (default qwen2.5-coder-0.5b, else an installed
  /// smollm2); the model name for HTTP backends.
  public var model: String?
  public var baseURL: String?
  public var apiKeyEnvironmentVariable: String?
  public var endpoint: OpenAIEndpoint?
  public var maxConcurrentRequests: Int?
  public var replaySession: String?

  public init() {}

  public static let settings: [Setting<LanguageModelSettings>] = [
    // Logs before the settings table recorded the backend under `backend`; it stays so for `report` and the UI.
    Setting("lm", \.backend, help: "Language model backend.", recordedAs: "backend"),
    Setting(
      "model", optional: \.model,
      help:
        "The model: a GGUF path or installed name for embedded (default qwen2.5-coder-0.5b), the model name for HTTP backends.",
      valueName: "name"),
    Setting(
      "base_url", optional: \.baseURL,
      help: "Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.", valueName: "url"),
    Setting(
      "api_key_env", optional: \.apiKeyEnvironmentVariable,
      help: "Environment variable holding the API key (default OPENAI_API_KEY or ANTHROPIC_API_KEY).",
      valueName: "name"),
    Setting(
      "endpoint", optional: \.endpoint, help: "For --lm openai: chat (chat/completions, the default) or completions."),
    Setting(
      "max_concurrent_requests", optional: \.maxConcurrentRequests, rule: .within(1...1024),
      help: "For HTTP backends: most requests in flight at once.", valueName: "n"),
    Setting(
      "replay_session", optional: \.replaySession,
      help: "For --lm replay: the session whose recorded replies are played, in order.", valueName: "dir"),
  ]
}

/// The language-model backends (`--lm`).
public enum LanguageModelBackend: String, SettingValue, CaseIterable {
  /// The GGUF runtime in this process (constrained decoding and prompt-tuning need it).
  case embedded
  /// An OpenAI-compatible HTTP server (vLLM, llama.cpp, Ollama, LM Studio, hosted APIs).
  case openai
  case anthropic
  /// The recorded replies of another session, in order.
  case replay
}

/// The OpenAI-compatible endpoint a search calls (`--endpoint`).
public enum OpenAIEndpoint: String, SettingValue, CaseIterable {
  /// `chat/completions`: chat models, with the system instruction.
  case chat
  /// `completions`: base models continue the few-shot text.
  case completions
}
