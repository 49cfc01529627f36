import LanguageModels
import MemberwiseInit

/// One training pair as token ids: the few-shot prompt and the program the model should continue it with.
@MemberwiseInit
public struct TuningExample: Sendable, Equatable {
  /// The prompt's tokens (after any truncation), as the inference path tokenizes the prompt.
  public var promptTokens: [Int]
  /// The completion's tokens: the scored targets.
  public var completionTokens: [Int]

  /// Tokenizes `prompt` as generation does (BOS when the GGUF asks, special tokens parsed) and `completion` as
  /// plain text continuing it; keeps the last `maxPromptTokens` prompt tokens and the first `maxCompletionTokens`
  /// completion tokens when those caps are given.
  public init(
    prompt: String, completion: String, tokenizer: Tokenizer, maxPromptTokens: Int? = nil,
    maxCompletionTokens: Int? = nil
  ) {
    var promptTokens = tokenizer.encode(prompt)
    var completionTokens = tokenizer.encode(completion, addBOS: false, parseSpecial: false)
    if let maxPromptTokens, promptTokens.count > maxPromptTokens {
      promptTokens = Array(promptTokens.suffix(maxPromptTokens))
    }
    if let maxCompletionTokens, completionTokens.count > maxCompletionTokens {
      completionTokens = Array(completionTokens.prefix(maxCompletionTokens))
    }
    self.init(promptTokens: promptTokens, completionTokens: completionTokens)
  }
}
