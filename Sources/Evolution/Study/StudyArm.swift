import MemberwiseInit

/// One way of searching that a study compares: a base method and optional novelty levers, written
/// `evoprompting`, `naive-fewshot`, `random-parents`, `no-tuning`, each optionally followed by `+lever`s
/// (`evoprompting+novelty-prompt+resample`).
@MemberwiseInit
public struct StudyArm: Sendable, Hashable, CustomStringConvertible {
  public enum Base: String, Sendable, CaseIterable {
    /// The paper's method with the preset's settings.
    case evoprompting
    /// One round from the seeds with the whole sample budget.
    case naiveFewShot = "naive-fewshot"
    /// Prompt parents drawn from every evaluated candidate.
    case randomParents = "random-parents"
    /// No soft prompt-tuning between rounds.
    case noTuning = "no-tuning"
  }

  /// The novelty levers (`SearchSettings`), each off unless an arm names it.
  public enum Lever: String, Sendable, CaseIterable {
    /// (a) Prompts ask for a model unlike the examples, within a size range.
    case noveltyPrompt = "novelty-prompt"
    /// (b) A share of prompts ask for one part of one parent rewritten.
    case edit
    /// (c) Children train a few steps first; only those above the bar train fully.
    case screen
    /// (d) Exact copies of earlier candidates are replaced by new samples.
    case resample
    /// (e) Constrained decoding rewrites a program that would copy an earlier candidate.
    case refuseCopies = "refuse-copies"
    /// (f) Half the prompts ask for a small model of the Pareto front at about half its size.
    case shrink
  }

  public var base: Base
  public var levers: [Lever] = []

  /// Parses `name[+lever...]`.
  public init(parsing text: String) throws(StudyError) {
    let parts = text.split(separator: "+").map(String.init)
    guard let first = parts.first, let base = Base(rawValue: first) else {
      throw StudyError.unknownArm(text)
    }
    var levers: [Lever] = []
    for part in parts.dropFirst() {
      guard let lever = Lever(rawValue: part) else { throw StudyError.unknownArm(text) }
      if !levers.contains(lever) { levers.append(lever) }
    }
    self.init(base: base, levers: levers)
  }

  public var description: String { ([base.rawValue] + levers.map(\.rawValue)).joined(separator: "+") }

  /// The settings of this arm for one study seed: the study's settings with the base method and levers applied. A
  /// lever the study's settings leave at zero gets its default (half the prompts edit, or shrink; a screen of a
  /// quarter of the steps; as many replacements per prompt as samples).
  public func settings(from study: SearchSettings, seed: UInt64) -> SearchSettings {
    var settings = study
    settings.seed = seed
    switch base {
    case .evoprompting: break
    case .naiveFewShot: settings.naiveFewShot = true
    case .randomParents: settings.randomParents = true
    case .noTuning: settings.promptTuning = false
    }
    for lever in levers {
      switch lever {
      case .noveltyPrompt: settings.noveltyPrompt = true
      case .edit: if settings.editFraction == 0 { settings.editFraction = 0.5 }
      case .screen: if settings.screenSteps == 0 { settings.screenSteps = max(1, settings.training.steps / 4) }
      case .resample: if settings.resampleDuplicates == 0 { settings.resampleDuplicates = settings.samplesPerPrompt }
      case .refuseCopies: settings.refuseCopies = true
      case .shrink: if settings.shrinkFraction == 0 { settings.shrinkFraction = 0.5 }
      }
    }
    return settings
  }
}

/// A study that cannot run as asked.
public enum StudyError: Error, Equatable, CustomStringConvertible {
  case unknownArm(String)
  case settingsDiffer(directory: String, key: String, recorded: String, planned: String)
  case notASession(directory: String, detail: String)

  public var description: String {
    switch self {
    case .unknownArm(let text):
      "unknown arm '\(text)'; arms are \(StudyArm.Base.allCases.map(\.rawValue).joined(separator: ", ")), "
        + "each optionally with +\(StudyArm.Lever.allCases.map(\.rawValue).joined(separator: ", +"))"
    case .settingsDiffer(let directory, let key, let recorded, let planned):
      "\(directory) was run with \(key) = \(recorded), this study asks for \(planned): use another --out, or the "
        + "settings it was started with"
    case .notASession(let directory, let detail): "\(directory) is not a session this study can continue: \(detail)"
    }
  }
}
