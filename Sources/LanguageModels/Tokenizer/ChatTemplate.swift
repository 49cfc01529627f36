/// Chat prompt formats, rendered to text whose special tokens the tokenizer then parses.
///
/// BOS is not part of the text: the tokenizer adds it when the GGUF asks, as llama.cpp's built-in templates assume.
public enum ChatTemplate: Sendable, Equatable {
  /// `<|im_start|>role\ncontent<|im_end|>\n` (SmolLM2, Qwen2.5). `defaultSystemPrompt` is inserted when the
  /// conversation does not start with a system message (SmolLM2's and Qwen2.5's templates do this).
  case chatML(defaultSystemPrompt: String?)
  /// `<|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>` (Llama 3).
  case llama3

  /// The template a GGUF's `tokenizer.chat_template` (Jinja) describes, recognised by its markers.
  public init?(jinja source: String?) {
    guard let source else { return nil }
    if source.contains("<|im_start|>") {
      // Templates that add a system message of their own when the conversation has none (SmolLM2, Qwen2.5).
      let defaults = [
        "You are a helpful AI assistant named SmolLM, trained by Hugging Face",
        "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.",
      ]
      self = .chatML(defaultSystemPrompt: defaults.first { source.contains($0) })
    } else if source.contains("<|start_header_id|>") {
      self = .llama3
    } else {
      return nil
    }
  }

  /// The prompt text for `messages`; with `addGenerationPrompt`, it ends where the assistant's reply begins.
  public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool = true) -> String {
    var text = ""
    switch self {
    case .chatML(let defaultSystemPrompt):
      if let defaultSystemPrompt, messages.first?.role != "system" {
        text += "<|im_start|>system\n\(defaultSystemPrompt)<|im_end|>\n"
      }
      for message in messages { text += "<|im_start|>\(message.role)\n\(message.content)<|im_end|>\n" }
      if addGenerationPrompt { text += "<|im_start|>assistant\n" }
    case .llama3:
      for message in messages {
        text += "<|start_header_id|>\(message.role)<|end_header_id|>\n\n\(message.content)<|eot_id|>"
      }
      if addGenerationPrompt { text += "<|start_header_id|>assistant<|end_header_id|>\n\n" }
    }
    return text
  }
}
