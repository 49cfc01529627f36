import Foundation
import MemberwiseInit

/// An event as stored in the log: its position, its wall-clock time and the event itself.
@MemberwiseInit
public struct LoggedEvent: Sendable, Equatable {
  /// 1 for the first event after the header, then consecutive.
  public var sequence: Int
  /// Seconds since 1970 when it was written.
  public var time: Double
  public var event: SessionEvent
}

extension LoggedEvent: Codable {
  private enum EnvelopeKeys: String, CodingKey {
    case seq, time, type
  }

  private enum RoundKeys: String, CodingKey {
    case round
  }

  private enum TrainingKeys: String, CodingKey {
    case id, attempt, reason
  }

  private enum ResumeKeys: String, CodingKey {
    case interruptedTraining, best
  }

  private enum ExecutorKeys: String, CodingKey {
    case executor
  }

  /// The `type` field of each event.
  var typeName: String {
    switch event {
    case .runConfigured: "run_configured"
    case .candidateProposed: "candidate_proposed"
    case .roundStarted: "round_started"
    case .promptBuilt: "prompt_built"
    case .proposalValidated: "proposal_validated"
    case .proposalRejected: "proposal_rejected"
    case .reviewDecided: "review_decided"
    case .trainingStarted: "training_started"
    case .trainingProgress: "training_progress"
    case .trainingFinished: "training_finished"
    case .trainingFailed: "training_failed"
    case .parentsSelected: "parents_selected"
    case .promptTuningFinished: "prompt_tuning_finished"
    case .roundFinished: "round_finished"
    case .runResumed: "run_resumed"
    case .runFinished: "run_finished"
    case .languageModelRetried: "language_model_retried"
    case .jobSubmitted: "job_submitted"
    case .jobReattached: "job_reattached"
    case .jobLost: "job_lost"
    case .executorUnreachable: "executor_unreachable"
    case .executorReachable: "executor_reachable"
    }
  }

  public func encode(to encoder: Encoder) throws {
    // One flat JSON object: the envelope's keys beside the payload's.
    var envelope = encoder.container(keyedBy: EnvelopeKeys.self)
    try envelope.encode(sequence, forKey: .seq)
    try envelope.encode(time, forKey: .time)
    try envelope.encode(typeName, forKey: .type)
    switch event {
    case .runConfigured(let payload): try payload.encode(to: encoder)
    case .candidateProposed(let payload): try payload.encode(to: encoder)
    case .promptBuilt(let payload): try payload.encode(to: encoder)
    case .proposalValidated(let payload): try payload.encode(to: encoder)
    case .proposalRejected(let payload): try payload.encode(to: encoder)
    case .reviewDecided(let payload): try payload.encode(to: encoder)
    case .trainingProgress(let payload): try payload.encode(to: encoder)
    case .trainingFinished(let payload): try payload.encode(to: encoder)
    case .parentsSelected(let payload): try payload.encode(to: encoder)
    case .promptTuningFinished(let payload): try payload.encode(to: encoder)
    case .languageModelRetried(let payload): try payload.encode(to: encoder)
    case .jobSubmitted(let payload), .jobReattached(let payload): try payload.encode(to: encoder)
    case .jobLost(let payload): try payload.encode(to: encoder)
    case .executorUnreachable(let payload): try payload.encode(to: encoder)
    case .executorReachable(let executor):
      var container = encoder.container(keyedBy: ExecutorKeys.self)
      try container.encode(executor, forKey: .executor)
    case .roundStarted(let round), .roundFinished(let round):
      var container = encoder.container(keyedBy: RoundKeys.self)
      try container.encode(round, forKey: .round)
    case .trainingStarted(let id, let attempt):
      var container = encoder.container(keyedBy: TrainingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(attempt, forKey: .attempt)
    case .trainingFailed(let id, let reason):
      var container = encoder.container(keyedBy: TrainingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(reason, forKey: .reason)
    case .runResumed(let interrupted):
      var container = encoder.container(keyedBy: ResumeKeys.self)
      try container.encode(interrupted, forKey: .interruptedTraining)
    case .runFinished(let best):
      var container = encoder.container(keyedBy: ResumeKeys.self)
      try container.encodeIfPresent(best, forKey: .best)
    }
  }

  public init(from decoder: Decoder) throws {
    let envelope = try decoder.container(keyedBy: EnvelopeKeys.self)
    sequence = try envelope.decode(Int.self, forKey: .seq)
    time = try envelope.decode(Double.self, forKey: .time)
    let type = try envelope.decode(String.self, forKey: .type)
    switch type {
    case "run_configured": event = .runConfigured(try RunConfigured(from: decoder))
    case "candidate_proposed": event = .candidateProposed(try CandidateProposed(from: decoder))
    case "prompt_built": event = .promptBuilt(try PromptBuilt(from: decoder))
    case "proposal_validated": event = .proposalValidated(try ProposalValidated(from: decoder))
    case "proposal_rejected": event = .proposalRejected(try ProposalRejected(from: decoder))
    case "review_decided": event = .reviewDecided(try ReviewDecided(from: decoder))
    case "training_progress": event = .trainingProgress(try TrainingProgress(from: decoder))
    case "training_finished": event = .trainingFinished(try TrainingFinished(from: decoder))
    case "parents_selected": event = .parentsSelected(try ParentsSelected(from: decoder))
    case "prompt_tuning_finished": event = .promptTuningFinished(try PromptTuningFinished(from: decoder))
    case "language_model_retried": event = .languageModelRetried(try LanguageModelRetried(from: decoder))
    case "job_submitted": event = .jobSubmitted(try JobSubmission(from: decoder))
    case "job_reattached": event = .jobReattached(try JobSubmission(from: decoder))
    case "job_lost": event = .jobLost(try JobLost(from: decoder))
    case "executor_unreachable": event = .executorUnreachable(try ExecutorUnreachable(from: decoder))
    case "executor_reachable":
      event = .executorReachable(
        executor: try decoder.container(keyedBy: ExecutorKeys.self).decode(String.self, forKey: .executor))
    case "round_started", "round_finished":
      let round = try decoder.container(keyedBy: RoundKeys.self).decode(Int.self, forKey: .round)
      event = type == "round_started" ? .roundStarted(round: round) : .roundFinished(round: round)
    case "training_started":
      let container = try decoder.container(keyedBy: TrainingKeys.self)
      event = .trainingStarted(
        id: try container.decode(String.self, forKey: .id), attempt: try container.decode(Int.self, forKey: .attempt))
    case "training_failed":
      let container = try decoder.container(keyedBy: TrainingKeys.self)
      event = .trainingFailed(
        id: try container.decode(String.self, forKey: .id), reason: try container.decode(String.self, forKey: .reason))
    case "run_resumed":
      let container = try decoder.container(keyedBy: ResumeKeys.self)
      event = .runResumed(interruptedTraining: try container.decode([String].self, forKey: .interruptedTraining))
    case "run_finished":
      event = .runFinished(
        best: try decoder.container(keyedBy: ResumeKeys.self).decodeIfPresent(String.self, forKey: .best))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: envelope, debugDescription: "unknown event type '\(type)'")
    }
  }
}
