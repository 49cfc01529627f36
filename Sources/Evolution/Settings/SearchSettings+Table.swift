import Tasks

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
      "worker_memory_mb", \.workerMemoryMegabytes, rule: .within(64...1_048_576),
      help: "Address-space limit of one training worker, in MB.", valueName: "n"),
    Setting(
      "worker_timeout_s", \.workerTimeoutSeconds, rule: .within(1...604_800),
      help: "Wall-time limit of one training worker, in seconds.", valueName: "n"),
  ]
}

extension ReviewMode: SettingValue {}
extension TrainingConfiguration.OptimizerKind: SettingValue {}
