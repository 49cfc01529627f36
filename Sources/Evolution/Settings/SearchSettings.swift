import Foundation
import PromptTuning
import Tasks

/// Every knob of a search, with the paper's defaults (Chen et al. 2023, and `shared/DESIGN.md`).
///
/// Each knob is declared once more, in `SearchSettings.settings` (`SearchSettings+Table.swift`): its key, help and
/// allowed values. Flags, the TOML file, the session log and `--help` are made from that table.
public struct SearchSettings: SettingsModel, Equatable {
  /// Parents kept per round (p).
  public var parentCount = 10
  /// Parents per prompt (k).
  public var parentsPerPrompt = 2
  /// Rounds (T).
  public var rounds = 10
  /// Prompts per round (m).
  public var promptsPerRound = 10
  /// Samples per prompt (n).
  public var samplesPerPrompt = 16
  /// A child is kept as a possible parent only if its validation error is below this (α).
  public var alpha: Float = 0.5
  /// Each prompt's temperature is drawn from these.
  public var temperatures: [Float] = [0.2, 0.6, 0.8, 1.0]
  /// Tokens per proposal.
  public var maxTokens = 768
  /// How each child trains.
  public var training = TrainingConfiguration(
    steps: 8000, batchSize: 128, learningRate: 0.01, optimizer: .adam, seed: 0, evaluationInterval: 500)
  /// Children trained at once (worker processes): one per core.
  public var jobs = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 1024)
  public var review: ReviewMode = .auto
  /// Draw prompt parents from every evaluated candidate instead of the fittest (the paper's ablation).
  public var randomParents = false
  /// The paper's baseline this search runs, if any.
  public var baseline = Baseline.none
  /// Soft prompt-tuning between rounds (embedded model only).
  public var promptTuning = true
  /// Soft prompt-tuning's hyperparameters (the paper's prompt length 16, 5 epochs, batch 16, learning rate 0.1; the
  /// last 384 prompt tokens, since attention cost grows with their square). Its seed is the search's (`tuningSettings`).
  public var tuning = PromptTuningSettings()
  /// Constrained decoding (embedded model only).
  public var constrainedDecoding = true
  /// Limits of one training worker.
  public var workerMemoryMegabytes = 4096
  public var workerTimeoutSeconds = 1800
  /// The seed of the whole search; every child trains from it too, so children are compared on equal terms.
  public var seed: UInt64 {
    get { training.seed }
    set { training.seed = newValue }
  }

  public init() {}

  /// Settings small enough for a laptop demo: a few minutes for the whole search.
  public static var quick: SearchSettings {
    var settings = SearchSettings()
    settings.parentCount = 4
    settings.rounds = 3
    settings.promptsPerRound = 4
    settings.samplesPerPrompt = 2
    settings.training.steps = 1500
    settings.training.evaluationInterval = 250
    // Tuning trains forward and backward through the whole model on the CPU; two passes over the shorter end of
    // each prompt keep it to about a minute a round on two cores.
    settings.tuning.epochs = 2
    settings.tuning.maxPromptTokens = 256
    return settings
  }

  /// Help shows each setting's value in the paper's defaults and in the quick preset.
  public static var startingPoints: [(name: String, model: SearchSettings)] {
    SearchPreset.allCases.map { ($0.rawValue, $0.settings) }
  }

  /// The paper's naive few-shot baseline: one round prompted from the seeds with the same number of samples.
  public var naiveFewShot: Bool {
    get { baseline == .naiveFewShot }
    set { baseline = newValue ? .naiveFewShot : .none }
  }

  /// Prompt-tuning's settings for this search: `tuning`, seeded with the search's seed.
  public var tuningSettings: PromptTuningSettings {
    var settings = tuning
    settings.seed = seed
    return settings
  }

  /// The rounds actually run: the naive baseline spends the whole sample budget in one round.
  public var effectiveRounds: Int { naiveFewShot ? 1 : rounds }

  /// The prompts of each round: the naive baseline asks all of them at once.
  public var effectivePromptsPerRound: Int { naiveFewShot ? rounds * promptsPerRound : promptsPerRound }
}

/// The paper's baselines (`--baseline`).
public enum Baseline: String, SettingValue, CaseIterable {
  /// EvoPrompting itself.
  case none
  /// One round prompted from the seeds, with the whole search's sample budget.
  case naiveFewShot = "naive-fewshot"
}

/// A starting point for a search's settings (`--preset`); the file and the flags change it further.
public enum SearchPreset: String, SettingValue, CaseIterable {
  /// The paper's defaults.
  case paper
  /// A laptop demo of a few minutes.
  case quick

  /// The preset's settings.
  public var settings: SearchSettings {
    switch self {
    case .paper: SearchSettings()
    case .quick: .quick
    }
  }
}
