import ArgumentParser
import Evolution

/// The search settings a command line can set; each overrides the preset and the config file.
struct SearchOptions: ParsableArguments {
  @Option(help: "Task to search on.") var task: String?
  @Option(help: "Session folder (default sessions/<task>-<timestamp>).") var session: String?
  @Option(help: "TOML file with settings (flags override it).") var config: String?
  @Option(help: "Start from a preset: paper (the paper's defaults), quick (a laptop demo of a few minutes) or study.")
  var preset: String?
  @Option(help: "Rounds (T).") var rounds: Int?
  @Option(help: "Prompts per round (m).") var prompts: Int?
  @Option(help: "Samples per prompt (n).") var samples: Int?
  @Option(help: "Parents kept per round (p).") var parents: Int?
  @Option(help: "Parents per prompt (k).") var parentsPerPrompt: Int?
  @Option(help: "Keep children with validation error below this (α).") var alpha: Float?
  @Option(help: "Training steps per child.") var steps: Int?
  @Option(help: "Batch size.") var batchSize: Int?
  @Option(help: "Learning rate.") var lr: Float?
  @Option(help: "Optimizer: adam, adamw or sgd.") var optimizer: String?
  @Option(help: "Children trained at once (default: number of cores).") var jobs: Int?
  @Option(help: "Most tokens the language model writes per proposal.") var maxTokens: Int?
  @Option(help: "Seed of the whole search.") var seed: UInt64?
  @Option(help: "Review of proposals: manual, auto or auto-valid.") var review: String?
  @Option(help: "Paper baseline: naive-fewshot (one round from the seeds, same number of samples).") var baseline: String?
  @Flag(help: "Draw prompt parents at random (the paper's ablation).") var randomParents = false
  @Flag(help: "Skip soft prompt-tuning between rounds (the paper's ablation).") var noPromptTuning = false
  @Flag(help: "Sample the embedded model without constrained decoding.") var noConstraints = false

  /// The settings flags set explicitly, keyed as `SearchSettings.apply` takes them.
  var explicitSettings: [String: String] {
    var values: [String: String] = [:]
    func set(_ key: String, _ value: CustomStringConvertible?) { if let value { values[key] = value.description } }
    set("rounds", rounds)
    set("prompts", prompts)
    set("samples", samples)
    set("parents", parents)
    set("parents_per_prompt", parentsPerPrompt)
    set("alpha", alpha)
    set("steps", steps)
    set("batch_size", batchSize)
    set("lr", lr)
    set("optimizer", optimizer)
    set("jobs", jobs)
    set("max_tokens", maxTokens)
    set("seed", seed)
    set("review", review)
    set("baseline", baseline)
    if randomParents { values["random_parents"] = "true" }
    if noPromptTuning { values["prompt_tuning"] = "false" }
    if noConstraints { values["constrained"] = "false" }
    return values
  }

  /// Paper defaults, then the preset, then the config file, then the flags.
  func resolve(configFile: ConfigFile?, cores: Int) throws -> SearchSettings {
    var settings: SearchSettings
    switch preset ?? configFile?.options["preset"] ?? "paper" {
    case "paper": settings = SearchSettings()
    case "quick": settings = .quick
    case "study": settings = .study
    case let other: throw ValidationError("unknown preset '\(other)'; presets are: paper, quick, study")
    }
    settings.jobs = max(1, cores)
    do {
      if let configFile { try settings.apply(configFile.settings) }
      try settings.apply(explicitSettings)
    } catch {
      throw ValidationError(error.description)
    }
    return settings
  }
}
