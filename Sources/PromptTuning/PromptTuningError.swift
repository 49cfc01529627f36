/// Why prompt-tuning cannot proceed.
public enum PromptTuningError: Error, CustomStringConvertible, Equatable {
  /// The model's shape is one this forward pass does not implement.
  case unsupportedModel(String)
  /// A token id outside the vocabulary.
  case tokenOutOfRange(Int)
  /// An example with no completion tokens, or no position to predict the first one from.
  case emptyExample
  /// A soft prompt whose width is not the model's.
  case widthMismatch(expected: Int, found: Int)
  /// A soft prompt file that is not in the format `SoftPromptFile` writes.
  case badSoftPromptFile(String)
  /// A training or evaluation file that cannot be read.
  case badExamplesFile(String)

  public var description: String {
    switch self {
    case .unsupportedModel(let detail): return "unsupported model for prompt-tuning: \(detail)"
    case .tokenOutOfRange(let token): return "token \(token) is outside the vocabulary"
    case .emptyExample: return "an example needs at least one completion token and something before it"
    case .widthMismatch(let expected, let found): return "soft prompt width \(found), the model's is \(expected)"
    case .badSoftPromptFile(let detail): return "not a soft prompt file: \(detail)"
    case .badExamplesFile(let detail): return detail
    }
  }
}
