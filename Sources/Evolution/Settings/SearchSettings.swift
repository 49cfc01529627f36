import Foundation
import PromptTuning
import Tasks

/// Every knob of a search, with the paper's defaults (Chen et al. 2023, and `shared/DESIGN.md`).
///
/// A knob is declared in this file alone: a field below and a row of `settings` (its key, rule and help). The flags,
/// the TOML file, the session log and `--help` are all made from that table.
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
  /// Novelty lever (a): prompts ask for a model unlike the examples, within a size range (`PromptStyle.novelty`).
  public var noveltyPrompt = false
  /// Novelty lever (b): the fraction of prompts that show one parent and ask for one part of it rewritten.
  public var editFraction: Float = 0
  /// Novelty lever (c): train each child this many steps first and fully only when it reaches `screenBar` (0: off).
  public var screenSteps = 0
  /// The validation accuracy a child needs after `screenSteps` to be trained fully.
  public var screenBar: Float = 0.5
  /// Novelty lever (d): up to this many extra replies per prompt replace exact copies (0: off).
  public var resampleDuplicates = 0
  /// Novelty lever (e): constrained decoding does not finish a program that computes what an earlier candidate
  /// computes; it rewrites one of its layers instead (`ConstrainedProposer.propose(distinctFrom:)`).
  public var refuseCopies = false
  /// Front lever: the fraction of prompts, spread evenly over a round, that show one model of the small end of the
  /// Pareto front and ask for it at about half its size (`PromptStyle.shrink`).
  public var shrinkFraction: Float = 0
  /// Where children train.
  public var executor = ExecutorKind.local
  /// Where and how `executor = ray` runs candidates.
  public var ray = RaySettings()
  /// The network a CLRS child trains in (`clrs train --preset`): Ibarz's `paper` setup or the laptop `proxy`;
  /// `training` then gives its steps, batch size, learning rate and validation interval.
  public var clrsNetwork = CLRSTrainingPreset.paper
  /// Limits of one training worker.
  public var workerMemoryMegabytes = 4096
  public var workerTimeoutSeconds = 1800
  /// The seed of the whole search; every child trains from it too, so children are compared on equal terms.
  public var seed: UInt64 {
    get { training.seed }
    set { training.seed = newValue }
  }

  public init() {}

  /// The laptop search `make demo` runs: the study preset's budget, with two levers on. A `study` of that budget
  /// showed them moving the front further than the paper's method alone in each of three seeds (hypervolume 2.727,
  /// 2.599 and 2.480 against 2.260, 2.171 and 2.236; best fitness -319, -321 and -262 against -334, -462 and -352;
  /// `Benchmarks/study_qwen.md`): constrained decoding refuses copies of earlier candidates, and half of each
  /// round's prompts ask for a small model of the front at half its size. `--no-refuse-copies --shrink-prompts 0`
  /// is the paper's method.
  public static var quick: SearchSettings {
    var settings = study
    settings.refuseCopies = true
    settings.shrinkFraction = 0.5
    return settings
  }

  /// The paper's method at a laptop's budget, for `study` (whose arms add levers to it): 3 rounds x 4 prompts x 2
  /// samples (24 children), 4 parents, 1,500 training steps. One arm x seed takes about half an hour on 2 cores with
  /// the embedded Qwen2.5-Coder-0.5B; the slowest, timed again on a quiet machine, 33 minutes (`Benchmarks/study_qwen.md`).
  public static var study: SearchSettings {
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
    // A round waits for its slowest child. At 1,500 steps a child trains in seconds to a few minutes; one whose pace
    // would take over ten is stopped as soon as that shows (`TrainingTimeLimit`), instead of holding the round.
    settings.workerTimeoutSeconds = 600
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

extension SearchSettings {
  /// Every search setting: the one place a knob is declared. Its flag, its TOML key, its entry in the session log
  /// and its line in `--help` all come from here; the rules are what flags, files and old logs are checked against.
  public static let settings: [Setting<SearchSettings>] = [
    Setting("rounds", \.rounds, rule: .within(1...1000), help: "Rounds (T).", valueName: "n"),
    Setting("prompts", \.promptsPerRound, rule: .within(1...10_000), help: "Prompts per round (m).", valueName: "n"),
    Setting("samples", \.samplesPerPrompt, rule: .within(1...10_000), help: "Samples per prompt (n).", valueName: "n"),
    Setting("parents", \.parentCount, rule: .within(1...10_000), help: "Parents kept per round (p).", valueName: "n"),
    Setting(
      "parents_per_prompt", \.parentsPerPrompt, rule: .within(1...100), help: "Parents per prompt (k).",
      valueName: "n"),
    Setting(
      "alpha", \.alpha, rule: .fraction,
      help: "Keep children with validation error below this (α); a child above it is never a parent.",
      valueName: "x"),
    Setting(
      "temperatures", \.temperatures, rule: .nonEmpty(within: 0...5),
      help: "Sampling temperatures; each prompt draws one.", valueName: "list"),
    Setting(
      "steps", \.training.steps, rule: .trainingSteps,
      help: "Training steps per child (at most a million: 125 times the paper's 8,000).", valueName: "n"),
    Setting("batch_size", \.training.batchSize, rule: .batchSize, help: "Batch size.", valueName: "n"),
    Setting("lr", \.training.learningRate, rule: .learningRate, help: "Learning rate.", valueName: "x"),
    Setting("optimizer", \.training.optimizer, help: "Optimizer."),
    Setting(
      "eval_interval", \.training.evaluationInterval, rule: .evaluationInterval,
      help: "Validate every this many training steps (and at the end).", valueName: "n"),
    Setting(
      "jobs", \.jobs, rule: .within(1...1024), help: "Children trained at once (one per core).",
      valueName: "n"),
    Setting(
      "max_tokens", \.maxTokens, rule: .tokenCount,
      help: "Most tokens the language model writes per proposal.", valueName: "n"),
    Setting("seed", \.seed, help: "Seed of the whole search.", valueName: "n"),
    Setting("review", \.review, help: "Review of proposals."),
    Setting(
      "baseline", \.baseline,
      help: "Paper baseline: naive-fewshot is one round from the seeds with the same number of samples."),
    Setting(
      "random_parents", \.randomParents, help: "Draw prompt parents at random (the paper's ablation).",
      flag: .toggle("random-parents")),
    Setting(
      "prompt_tuning", \.promptTuning,
      help: "Soft prompt-tuning between rounds (embedded model; --no-prompt-tuning is the paper's ablation).",
      flag: .toggle("prompt-tuning")),
    Setting(
      "constrained", \.constrainedDecoding, help: "Constrained decoding of the embedded model.",
      flag: .toggle("constraints")),
    Setting(
      "tuning_length", \.tuning.promptLength, rule: .within(1...256), help: "Virtual tokens of the soft prompt.",
      valueName: "n"),
    Setting(
      "tuning_epochs", \.tuning.epochs, rule: .within(1...1000),
      help: "Passes over a round's tuning examples.", valueName: "n"),
    Setting(
      "tuning_batch_size", \.tuning.batchSize, rule: .within(1...4096),
      help: "Examples per Adam step of prompt-tuning.", valueName: "n"),
    Setting(
      "tuning_lr", \.tuning.learningRate, rule: .learningRate,
      help: "Adam's learning rate for prompt-tuning.", valueName: "x"),
    Setting(
      "tuning_prompt_tokens", optional: \.tuning.maxPromptTokens, rule: .tokenCount,
      help: "The last tokens of each prompt that prompt-tuning trains on.", valueName: "n"),
    Setting(
      "novelty_prompt", \.noveltyPrompt,
      help: "Novelty lever: prompts ask for a model unlike the examples, within a size range.",
      flag: .toggle("novelty-prompt")),
    Setting(
      "edit_prompts", \.editFraction, rule: .within(0...1),
      help: "Novelty lever: the fraction of prompts that show one parent and ask for one part rewritten.",
      valueName: "x"),
    Setting(
      "screen_steps", \.screenSteps, rule: .within(0...1_000_000),
      help: "Novelty lever: train each child this many steps first, fully only above --screen-bar (0: off).",
      valueName: "n"),
    Setting(
      "screen_bar", \.screenBar, rule: .fraction,
      help: "Validation accuracy a child needs after --screen-steps to train fully.", valueName: "x"),
    Setting(
      "resample_duplicates", \.resampleDuplicates, rule: .within(0...10_000),
      help: "Novelty lever: up to this many extra replies per prompt replace exact copies (0: off).",
      valueName: "n"),
    Setting(
      "refuse_copies", \.refuseCopies,
      help: "Novelty lever: constrained decoding rewrites a layer of a program that would compute what an earlier "
        + "candidate computes (and keeps the copy when no rewrite finishes).",
      flag: .toggle("refuse-copies")),
    Setting(
      "shrink_prompts", \.shrinkFraction, rule: .within(0...1),
      help: "Front lever: the fraction of prompts that show a small model of the Pareto front and ask for it at "
        + "about half its size.",
      valueName: "x"),
    Setting(
      "executor", \.executor,
      help: "Where children train: local worker processes, or ray (one Ray job each, --ray-address)."),
    Setting(
      "ray_address", optional: \.ray.address, rule: .rayAddress,
      help: "The Ray head's dashboard (Jobs API) for --executor ray, e.g. http://127.0.0.1:8265.", valueName: "url"),
    Setting(
      "ray_worker_command", \.ray.workerCommand, rule: .command,
      help: "How Ray nodes run evoprompting: a command on their PATH or a path they share.", valueName: "command"),
    Setting(
      "ray_num_cpus", \.ray.numCpus, rule: .within(0...1024), help: "CPUs each Ray job reserves.", valueName: "x"),
    Setting(
      "ray_num_gpus", \.ray.numGpus, rule: .within(0...64), help: "GPUs each Ray job reserves (0: none).",
      valueName: "x"),
    Setting(
      "clrs_network", \.clrsNetwork,
      help: "CLRS tasks: the network children train in, paper (H 128, Ibarz et al.) or proxy (H 32, a laptop's)."),
    Setting(
      "worker_memory_mb", \.workerMemoryMegabytes, rule: .within(64...1_048_576),
      help: "Address-space limit of one training worker, in MB.", valueName: "n"),
    Setting(
      "worker_timeout_s", \.workerTimeoutSeconds, rule: .within(1...604_800),
      help: "Wall-time limit of one training worker, in seconds.", valueName: "n"),
  ]
}

extension ReviewMode: SettingValue {}
extension TrainingConfiguration.OptimizerKind: SettingValue {}

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
  /// The laptop demo: the study budget with the levers a study showed better.
  case quick
  /// One arm x seed of `study`, sized for a laptop sitting: the paper's method.
  case study

  /// The preset's settings for MNIST-1D.
  public var settings: SearchSettings {
    switch self {
    case .paper: SearchSettings()
    case .quick: .quick
    case .study: .study
    }
  }

  /// The preset's settings for `task` (`SearchSettings+CLRS.swift` for the CLRS tasks).
  public func settings(for task: TaskName) -> SearchSettings {
    task.clrsAlgorithm == nil ? settings : .clrs(self)
  }
}
