import Foundation
import Tasks

/// Every knob of a search, with the paper's defaults (Chen et al. 2023, and `shared/DESIGN.md`).
public struct SearchSettings: Sendable, Equatable {
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
  /// Children trained at once (worker processes).
  public var jobs = 2
  public var review: ReviewMode = .auto
  /// Draw prompt parents from every evaluated candidate instead of the fittest (the paper's ablation).
  public var randomParents = false
  /// The paper's naive few-shot baseline: one round prompted from the seeds with the same number of samples.
  public var naiveFewShot = false
  /// Soft prompt-tuning between rounds (embedded model only).
  public var promptTuning = true
  /// Virtual tokens of the tuned soft prompt (the paper's 16).
  public var promptTuningLength = 16
  /// Passes over a round's tuning examples (the paper's 5).
  public var promptTuningEpochs = 5
  /// Examples per Adam step of prompt-tuning (the paper's 16).
  public var promptTuningBatchSize = 16
  /// Adam's learning rate for prompt-tuning (the paper's 0.1).
  public var promptTuningLearningRate: Float = 0.1
  /// The last tokens of each few-shot prompt that prompt-tuning trains on (attention cost grows with its square).
  public var promptTuningPromptTokens = 384
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
    settings.promptTuningEpochs = 2
    settings.promptTuningPromptTokens = 256
    return settings
  }

  /// The `study` preset: 3 rounds x 6 prompts x 4 samples (72 children), 6 parents, 2,000 training steps; sized so
  /// one arm x seed fits a laptop sitting.
  public static var study: SearchSettings {
    var settings = SearchSettings.quick
    settings.parentCount = 6
    settings.rounds = 3
    settings.promptsPerRound = 6
    settings.samplesPerPrompt = 4
    settings.training.steps = 2000
    settings.training.evaluationInterval = 250
    return settings
  }

  /// The rounds actually run: the naive baseline spends the whole sample budget in one round.
  public var effectiveRounds: Int { naiveFewShot ? 1 : rounds }

  /// The prompts of each round: the naive baseline asks all of them at once.
  public var effectivePromptsPerRound: Int { naiveFewShot ? rounds * promptsPerRound : promptsPerRound }
}

extension SearchSettings {
  /// The settings as text (for the session log and `report`), keyed as the config file and flags name them.
  public var dictionary: [String: String] {
    [
      "parents": "\(parentCount)", "parents_per_prompt": "\(parentsPerPrompt)", "rounds": "\(rounds)",
      "prompts": "\(promptsPerRound)", "samples": "\(samplesPerPrompt)", "alpha": "\(alpha)",
      "temperatures": temperatures.map { "\($0)" }.joined(separator: ","), "max_tokens": "\(maxTokens)",
      "steps": "\(training.steps)", "batch_size": "\(training.batchSize)", "lr": "\(training.learningRate)",
      "optimizer": training.optimizer.rawValue, "eval_interval": "\(training.evaluationInterval)", "jobs": "\(jobs)",
      "review": review.rawValue, "random_parents": "\(randomParents)",
      "baseline": naiveFewShot ? "naive-fewshot" : "none",
      "prompt_tuning": "\(promptTuning)", "constrained": "\(constrainedDecoding)",
      "tuning_length": "\(promptTuningLength)", "tuning_epochs": "\(promptTuningEpochs)",
      "tuning_batch_size": "\(promptTuningBatchSize)", "tuning_lr": "\(promptTuningLearningRate)",
      "tuning_prompt_tokens": "\(promptTuningPromptTokens)",
      "novelty_prompt": "\(noveltyPrompt)", "edit_prompts": "\(editFraction)", "screen_steps": "\(screenSteps)",
      "screen_bar": "\(screenBar)", "resample_duplicates": "\(resampleDuplicates)",
      "worker_memory_mb": "\(workerMemoryMegabytes)", "worker_timeout_s": "\(workerTimeoutSeconds)", "seed": "\(seed)",
    ]
  }

  /// Applies `key = value` settings (from a config file, flags or a session log); unknown keys and bad values
  /// are errors that name the key.
  public mutating func apply(_ values: [String: String]) throws(SettingsError) {
    for (key, value) in values.sorted(by: { $0.key < $1.key }) {
      func int() throws(SettingsError) -> Int {
        guard let n = Int(value), n >= 0 else {
          throw SettingsError.badValue(key: key, value: value, expected: "a whole number")
        }
        return n
      }
      func positive() throws(SettingsError) -> Int {
        let n = try int()
        guard n > 0 else { throw SettingsError.badValue(key: key, value: value, expected: "a positive whole number") }
        return n
      }
      func float() throws(SettingsError) -> Float {
        guard let x = Float(value), x.isFinite else {
          throw SettingsError.badValue(key: key, value: value, expected: "a number")
        }
        return x
      }
      func bool() throws(SettingsError) -> Bool {
        switch value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw SettingsError.badValue(key: key, value: value, expected: "true or false")
        }
      }
      switch key {
      case "parents": parentCount = try positive()
      case "parents_per_prompt": parentsPerPrompt = try positive()
      case "rounds": rounds = try positive()
      case "prompts": promptsPerRound = try positive()
      case "samples": samplesPerPrompt = try positive()
      case "alpha": alpha = try float()
      case "temperatures":
        var list: [Float] = []
        for item in value.split(separator: ",") {
          guard let t = Float(item.trimmingCharacters(in: .whitespaces)), t >= 0 else {
            throw SettingsError.badValue(key: key, value: value, expected: "comma-separated temperatures")
          }
          list.append(t)
        }
        guard !list.isEmpty else {
          throw SettingsError.badValue(key: key, value: value, expected: "at least one temperature")
        }
        temperatures = list
      case "max_tokens": maxTokens = try positive()
      case "steps": training.steps = try positive()
      case "batch_size": training.batchSize = try positive()
      case "lr": training.learningRate = try float()
      case "optimizer":
        guard let kind = TrainingConfiguration.OptimizerKind(rawValue: value) else {
          throw SettingsError.badValue(key: key, value: value, expected: "adam, adamw or sgd")
        }
        training.optimizer = kind
      case "eval_interval": training.evaluationInterval = try positive()
      case "jobs": jobs = try positive()
      case "review":
        guard let mode = ReviewMode(rawValue: value) else {
          throw SettingsError.badValue(key: key, value: value, expected: "manual, auto or auto-valid")
        }
        review = mode
      case "random_parents": randomParents = try bool()
      case "baseline":
        guard value == "none" || value == "naive-fewshot" else {
          throw SettingsError.badValue(key: key, value: value, expected: "none or naive-fewshot")
        }
        naiveFewShot = value == "naive-fewshot"
      case "prompt_tuning": promptTuning = try bool()
      case "constrained": constrainedDecoding = try bool()
      case "tuning_length": promptTuningLength = try positive()
      case "tuning_epochs": promptTuningEpochs = try positive()
      case "tuning_batch_size": promptTuningBatchSize = try positive()
      case "tuning_lr":
        let rate = try float()
        guard rate > 0 else { throw SettingsError.badValue(key: key, value: value, expected: "a positive number") }
        promptTuningLearningRate = rate
      case "tuning_prompt_tokens": promptTuningPromptTokens = try positive()
      case "novelty_prompt": noveltyPrompt = try bool()
      case "edit_prompts":
        let fraction = try float()
        guard (0...1).contains(fraction) else {
          throw SettingsError.badValue(key: key, value: value, expected: "a fraction from 0 to 1")
        }
        editFraction = fraction
      case "screen_steps": screenSteps = try int()
      case "screen_bar": screenBar = try float()
      case "resample_duplicates": resampleDuplicates = try int()
      case "worker_memory_mb": workerMemoryMegabytes = try positive()
      case "worker_timeout_s": workerTimeoutSeconds = try positive()
      case "seed":
        guard let s = UInt64(value) else {
          throw SettingsError.badValue(key: key, value: value, expected: "a whole number")
        }
        seed = s
      default: throw SettingsError.unknownKey(key)
      }
    }
  }

  /// Settings rebuilt from a session's record of them.
  public init(recorded values: [String: String]) throws(SettingsError) {
    self.init()
    try apply(values)
  }
}

/// A setting that cannot be applied.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
  case unknownKey(String)
  case badValue(key: String, value: String, expected: String)
  case configFile(path: String, line: Int, message: String)

  public var description: String {
    switch self {
    case .unknownKey(let key):
      "unknown setting '\(key)'; settings are: \(SearchSettings().dictionary.keys.sorted().joined(separator: ", "))"
    case .badValue(let key, let value, let expected): "setting '\(key)' = '\(value)': expected \(expected)"
    case .configFile(let path, let line, let message): "\(path):\(line): \(message)"
    }
  }
}
