import Foundation
import MemberwiseInit

/// One thing that happened in a search, as recorded in `session.jsonl` before anything acts on it.
///
/// The session log is the single source of truth: state is a fold of these events (`SessionState.apply`),
/// resume rebuilds state from them, and replay feeds them to the same reducer.
public enum SessionEvent: Sendable, Equatable {
  /// The search's settings; the first event after the header.
  case runConfigured(RunConfigured)
  /// A candidate program enters the population: a seed, an LM proposal, or a researcher's edit.
  case candidateProposed(CandidateProposed)
  /// A round begins.
  case roundStarted(round: Int)
  /// A few-shot prompt was built from parents and sent to the language model.
  case promptBuilt(PromptBuilt)
  /// A proposal passed the architecture-language check.
  case proposalValidated(ProposalValidated)
  /// A proposal was dropped: invalid, without code, or a duplicate.
  case proposalRejected(ProposalRejected)
  /// The researcher accepted, rejected or edited a proposal in the review queue.
  case reviewDecided(ReviewDecided)
  /// Training of a candidate began (again, after a resume).
  case trainingStarted(id: String, attempt: Int)
  /// A periodic training report.
  case trainingProgress(TrainingProgress)
  /// Training finished with metrics.
  case trainingFinished(TrainingFinished)
  /// Training failed (crash, timeout, out of memory, runtime error).
  case trainingFailed(id: String, reason: String)
  /// The fittest candidates became the next round's parents.
  case parentsSelected(ParentsSelected)
  /// The soft prompt was tuned on the round's children.
  case promptTuningFinished(PromptTuningFinished)
  /// A round ended.
  case roundFinished(round: Int)
  /// The run was continued by `resume` after an interruption; in-flight work before it is redone.
  case runResumed(interruptedTraining: [String])
  /// The search completed all its rounds.
  case runFinished(best: String?)
  /// A request to the language model failed and will be tried again after a wait.
  case languageModelRetried(LanguageModelRetried)
  /// A cluster executor submitted a job for a candidate (each submission, retries included).
  case jobSubmitted(JobSubmission)
  /// A cluster executor found a candidate's job from before (a resumed run) and follows it instead of
  /// submitting it again.
  case jobReattached(JobSubmission)
  /// The cluster lost a candidate's job; a `job_submitted` with the next attempt follows.
  case jobLost(JobLost)
  /// The executor's cluster stopped answering; evaluations are paused until `executorReachable`.
  case executorUnreachable(ExecutorUnreachable)
  /// The executor's cluster answers again after an outage.
  case executorReachable(executor: String)
}

/// A language-model request that failed and is about to be retried (HTTP backends).
@MemberwiseInit
public struct LanguageModelRetried: Sendable, Equatable, Codable {
  public var round: Int
  /// The prompt (0-based) whose samples were asked for.
  public var promptIndex: Int
  /// The attempt that failed (1-based) and the attempts allowed in all.
  public var attempt: Int
  public var maxAttempts: Int
  /// Seconds until the next attempt.
  public var delaySeconds: Double
  public var reason: String
}

/// The settings of a run, enough to continue it after a crash. Keys and secrets are never stored.
@MemberwiseInit
public struct RunConfigured: Sendable, Equatable, Codable {
  public var task: String
  /// The backend and model, e.g. `{"backend": "openai", "model": "qwen", "base_url": "http://…"}`.
  public var languageModel: [String: String]
  /// Every search setting as text, exactly as resolved from flags, config file and presets.
  public var settings: [String: String]
  public var seed: UInt64
}

/// Where a candidate came from.
public enum CandidateOrigin: String, Sendable, Equatable, Codable {
  case seed, proposal, edit
}

/// A new candidate program.
@MemberwiseInit
public struct CandidateProposed: Sendable, Equatable, Codable {
  public var id: String
  public var round: Int
  public var origin: CandidateOrigin
  public var parents: [String]
  /// The program (for proposals, the code extracted from the reply; `rawText` keeps the reply itself).
  public var code: String
  public var rawText: String?
  /// Which prompt and which sample of it produced the proposal.
  public var promptIndex: Int?
  public var sampleIndex: Int?
  public var temperature: Float?
  /// Whether constrained decoding produced it.
  public var constrained: Bool?
  /// A human name for seeds (`mnist1d-cnn`).
  public var name: String?
  /// Names the child uses that only its prompt's parents define, whose definitions extraction carried into `code`.
  public var carried: [String]?
}

/// A prompt sent to the language model.
@MemberwiseInit
public struct PromptBuilt: Sendable, Equatable, Codable {
  public var round: Int
  public var index: Int
  public var parents: [String]
  public var text: String
  public var temperature: Float
  public var samples: Int
}

/// A proposal that the checker accepted.
@MemberwiseInit
public struct ProposalValidated: Sendable, Equatable, Codable {
  public var id: String
  public var params: Int
  /// The fingerprint that finds duplicates: what the model computes (`CandidateReport.functionFingerprint`), or
  /// in sessions of earlier versions the normalised program's.
  public var fingerprint: String
  /// When the check rewrote input sizes (`in_features` of a read-out that did not fit): the program as repaired,
  /// which becomes the candidate's code, and what changed (`line:column: in_features 512 -> 125, ...`).
  public var repairedCode: String?
  public var repairs: [String]?
}

/// Why a proposal was dropped.
public enum RejectionKind: String, Sendable, Equatable, Codable {
  /// The program failed the check (syntax, unsupported construct, shape, limits).
  case invalid
  /// The reply held no program.
  case noCode = "no_code"
  /// The same program (after normalisation) was seen before.
  case duplicate
  /// The researcher rejected it in review.
  case review
  /// The language model's reply could not be used (malformed, cut off, too large), after its retries.
  case languageModel = "language_model"
}

/// A proposal that was dropped, with the reason and where in the program.
@MemberwiseInit
public struct ProposalRejected: Sendable, Equatable, Codable {
  public var id: String
  public var kind: RejectionKind
  public var reason: String
  public var line: Int?
  public var column: Int?
  public var duplicateOf: String?
}

/// A researcher's decision on a proposal.
@MemberwiseInit
public struct ReviewDecided: Sendable, Equatable, Codable {
  public enum Decision: String, Sendable, Equatable, Codable {
    case accepted, rejected, edited
  }

  public var id: String
  public var decision: Decision
  /// The new program when edited.
  public var code: String?
  public var note: String?
}

/// A point on a candidate's training curve.
@MemberwiseInit
public struct TrainingProgress: Sendable, Equatable, Codable {
  public var id: String
  public var step: Int
  public var steps: Int
  public var trainLoss: Float
  public var validationAccuracy: Float?
}

/// A finished evaluation.
@MemberwiseInit
public struct TrainingFinished: Sendable, Equatable, Codable {
  public var id: String
  public var params: Int
  /// The best validation accuracy seen during training (the fitness uses it).
  public var validationAccuracy: Float
  public var testAccuracy: Float
  public var seconds: Double
  public var millisecondsPerStep: Double
}

/// The parents chosen after a round.
@MemberwiseInit
public struct ParentsSelected: Sendable, Equatable, Codable {
  public var round: Int
  public var parents: [String]
  public var retired: [String]
}

/// The outcome of soft prompt-tuning after a round.
@MemberwiseInit
public struct PromptTuningFinished: Sendable, Equatable, Codable {
  public var round: Int
  public var lossCurve: [Float]
  /// The soft prompt file, relative to the session folder.
  public var softPrompt: String?
  public var seconds: Double
}
