import Sessions

/// Tunes the language model between rounds on the round's children (soft prompt-tuning with the embedded model).
public protocol PromptTuner: Sendable {
  /// Trains on `(prompt, child program)` pairs; returns the outcome to record, or nil when nothing was tuned.
  func tune(round: Int, examples: [(prompt: String, completion: String)], sessionDirectory: String) async throws
    -> PromptTuningFinished?
}
