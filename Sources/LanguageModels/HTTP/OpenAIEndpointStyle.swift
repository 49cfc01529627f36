/// Which OpenAI-compatible endpoint a backend calls.
public enum OpenAIEndpointStyle: String, Sendable, CaseIterable {
  /// `POST {base}/chat/completions`: the prompt goes as one user message (after an optional system message) and
  /// the server applies the model's chat template.
  case chatCompletions = "chat"
  /// `POST {base}/completions`: the prompt is continued as raw text (no chat template), the right choice for
  /// base models and for prompts that already carry a template.
  case completions

  /// The path below the API root.
  var path: String {
    switch self {
    case .chatCompletions: return "chat/completions"
    case .completions: return "completions"
    }
  }
}
