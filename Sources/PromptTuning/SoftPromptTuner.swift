import Foundation
import LanguageModels

/// Soft prompt-tuning between the rounds of a search with the embedded model: trains a soft prompt on each round's
/// `(prompt, child program)` pairs and saves it as `<session>/soft-prompts/round-N.bin` (`SoftPromptFile`). The
/// command line adapts it to the search loop's `PromptTuner`.
///
/// Each round trains afresh from the initialisation text (the paper tunes one prompt per task; here the task's
/// data is the latest round's children). `latestSoftPrompt` holds the newest result, and `onTuned` hands it to the
/// generator (in a search, `EmbeddedLanguageModel.setSoftPrompt`) before the round is recorded as finished.
public final class SoftPromptTuner: @unchecked Sendable {
  /// The trainer (model, tokenizer, hyperparameters).
  public let trainer: SoftPromptTrainer
  private let onTuned: (@Sendable (SoftPrompt) -> Void)?
  private let lock = NSLock()
  private var latest: SoftPrompt?

  /// Trains with `trainer`; `onTuned` receives each round's soft prompt once it is saved.
  public init(trainer: SoftPromptTrainer, onTuned: (@Sendable (SoftPrompt) -> Void)? = nil) {
    self.trainer = trainer
    self.onTuned = onTuned
  }

  /// Loads the GGUF model at `modelPath` for training (dequantised once, kept for every round).
  public convenience init(
    modelPath: String, settings: PromptTuningSettings = PromptTuningSettings(),
    onTuned: (@Sendable (SoftPrompt) -> Void)? = nil
  ) throws {
    let file = try GGUFFile(path: modelPath)
    let model = try TunableLlama(model: try LlamaModel(file: file))
    self.init(
      trainer: SoftPromptTrainer(model: model, tokenizer: try Tokenizer(file: file), settings: settings),
      onTuned: onTuned)
  }

  /// The soft prompt of the latest completed `tune` call, nil before the first.
  public var latestSoftPrompt: SoftPrompt? {
    lock.withLock { latest }
  }

  /// The file a round's soft prompt is saved to.
  public static func softPromptPath(sessionDirectory: String, round: Int) -> String {
    URL(fileURLWithPath: sessionDirectory).appendingPathComponent("soft-prompts")
      .appendingPathComponent("round-\(round).bin").path
  }

  /// Trains on `examples`, saves the soft prompt in the session folder and hands it to `onTuned`; nil when there
  /// is nothing to train on.
  public func tune(round: Int, examples: [(prompt: String, completion: String)], sessionDirectory: String) async throws
    -> TunedRound?
  {
    let tokenized = trainer.examples(examples)
    guard !tokenized.isEmpty else { return nil }
    // Training takes minutes of CPU: run it on a thread of its own rather than block the cooperative pool.
    let outcome = try await CancellationFlag.runOnDedicatedThread { [trainer] _ in try trainer.train(tokenized) }
    // The log holds JSON, which has no NaN: a diverged run keeps the finite part of its curve and hands over no
    // soft prompt, so the next round samples with the previous one.
    let finiteCurve = outcome.lossCurve.filter(\.isFinite)
    guard outcome.softPrompt.vectors.allSatisfy(\.isFinite) else {
      return TunedRound(round: round, lossCurve: finiteCurve, softPrompt: nil, seconds: outcome.seconds)
    }
    let path = SoftPromptTuner.softPromptPath(sessionDirectory: sessionDirectory, round: round)
    try SoftPromptFile.write(outcome.softPrompt, to: path)
    lock.withLock { latest = outcome.softPrompt }
    onTuned?(outcome.softPrompt)
    let relative = "soft-prompts/round-\(round).bin"
    return TunedRound(round: round, lossCurve: finiteCurve, softPrompt: relative, seconds: outcome.seconds)
  }
}

/// One round's tuning: how the loss went and where the soft prompt was saved.
public struct TunedRound: Sendable, Equatable {
  public var round: Int
  /// The finite part of the loss of each Adam step (a session log holds JSON, which has no NaN).
  public var lossCurve: [Float]
  /// The saved soft prompt, relative to the session folder; nil when training diverged and nothing was saved.
  public var softPrompt: String?
  public var seconds: Double
}
