import Evolution
import PromptTuning
import Sessions

/// The search loop's `PromptTuner` for the embedded model: `SoftPromptTuner`, whose rounds are recorded as
/// `prompt_tuning_finished` events. Prompt-tuning knows nothing of searches or sessions; this is where they meet.
struct SoftPromptRoundTuner: PromptTuner {
  let tuner: SoftPromptTuner

  func tune(round: Int, examples: [(prompt: String, completion: String)], sessionDirectory: String) async throws
    -> PromptTuningFinished?
  {
    guard let tuned = try await tuner.tune(round: round, examples: examples, sessionDirectory: sessionDirectory) else {
      return nil
    }
    return PromptTuningFinished(
      round: tuned.round, lossCurve: tuned.lossCurve, softPrompt: tuned.softPrompt, seconds: tuned.seconds)
  }
}
