import ArgumentParser

/// Which language model a search talks to.
struct LanguageModelOptions: ParsableArguments {
  @Option(help: "Language model backend: embedded, openai, anthropic or replay.")
  var lm: String = "embedded"
  @Option(help: "The model: a GGUF path or installed name for embedded (default qwen2.5-coder-0.5b), the model name for HTTP backends.")
  var model: String?
  @Option(help: "Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.")
  var baseURL: String?
  @Option(help: "Environment variable holding the API key (default OPENAI_API_KEY or ANTHROPIC_API_KEY).")
  var apiKeyEnv: String?
  @Option(help: "For --lm openai: the endpoint, chat (chat/completions) or completions.")
  var endpoint: String?
  @Option(help: "For HTTP backends: most requests in flight at once.")
  var maxConcurrentRequests: Int?
  @Option(help: "For --lm replay: the session whose recorded replies are played, in order.")
  var replaySession: String?

  /// Values from a config file's language-model keys, where the flags left them unset.
  mutating func fill(from options: [String: String]) {
    if lm == "embedded", let value = options["lm"] { lm = value }
    model = model ?? options["model"]
    baseURL = baseURL ?? options["base_url"]
    apiKeyEnv = apiKeyEnv ?? options["api_key_env"]
    endpoint = endpoint ?? options["endpoint"]
  }

  /// The description recorded in the session (never a key).
  var description: [String: String] {
    var result = ["backend": lm]
    if let model { result["model"] = model }
    if let baseURL { result["base_url"] = baseURL }
    if let apiKeyEnv { result["api_key_env"] = apiKeyEnv }
    if let endpoint { result["endpoint"] = endpoint }
    if let maxConcurrentRequests { result["max_concurrent_requests"] = "\(maxConcurrentRequests)" }
    if let replaySession { result["replay_session"] = replaySession }
    return result
  }

  /// Options rebuilt from a session's record, for `resume`.
  init(recorded: [String: String]) {
    lm = recorded["backend"] ?? "embedded"
    model = recorded["model"]
    baseURL = recorded["base_url"]
    apiKeyEnv = recorded["api_key_env"]
    endpoint = recorded["endpoint"]
    maxConcurrentRequests = recorded["max_concurrent_requests"].flatMap { Int($0) }
    replaySession = recorded["replay_session"]
  }

  init() {}
}
