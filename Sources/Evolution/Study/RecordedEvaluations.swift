import Foundation
import Sessions

/// Trainings that a study's other sessions of the same seed already ran, for this session to reuse instead of
/// training again. The arms of one seed train the same seed programs with the same settings, and training is
/// deterministic (a candidate retrained alone with `train` or `clrs train` gives the same numbers), so a second
/// training could only repeat the first. The reused training is recorded as usual: its curve, then its result.
public struct RecordedEvaluations: Sendable {
  /// One finished training and the job that ran it.
  struct Evaluation: Sendable {
    var job: EvaluationJob
    var curve: [TrainingProgress]
    var result: TrainingFinished
    /// The session it comes from, for the announcement.
    var source: String
  }

  /// The evaluations by the code they trained.
  private var byCode: [String: [Evaluation]] = [:]

  public init() {}

  public var isEmpty: Bool { byCode.isEmpty }

  /// The sessions the evaluations come from.
  public var sources: [String] { Array(Set(byCode.values.joined().map(\.source))).sorted() }

  /// Adds the full trainings recorded in the log `events` of session `source`: every candidate's last finished
  /// training, except a screened child's (its curve mixes two runs).
  public mutating func add(events: [LoggedEvent], source: String) {
    let state = SessionState(events: events)
    guard let configuration = state.configuration,
      let settings = try? SearchSettings(recorded: configuration.settings)
    else { return }
    let screened = settings.screenSteps > 0 && settings.screenSteps < settings.training.steps
    var results: [String: TrainingFinished] = [:]
    for logged in events { if case .trainingFinished(let result) = logged.event { results[result.id] = result } }
    for candidate in state.orderedCandidates where candidate.status == .evaluated {
      guard let result = results[candidate.id], !screened || candidate.origin == .seed else { continue }
      let job = EvaluationJob(
        candidate: candidate.id, code: candidate.code, task: configuration.task, settings: settings)
      byCode[candidate.code, default: []].append(
        Evaluation(job: job, curve: candidate.curve, result: result, source: source))
    }
  }

  /// The recorded training of a job like `job` (the same code, task, network and training; the machine's limits
  /// may differ), renamed to `job.id`; nil when there is none.
  func evaluation(for job: EvaluationJob) -> Evaluation? {
    guard job.stage == nil,
      var found = byCode[job.code]?.first(where: {
        $0.job.task == job.task && $0.job.training == job.training && $0.job.clrsNetwork == job.clrsNetwork
      })
    else { return nil }
    found.job.id = job.id
    found.result.id = job.id
    found.curve = found.curve.map {
      var point = $0
      point.id = job.id
      return point
    }
    return found
  }
}

extension EvaluationJob {
  /// The full evaluation of candidate `id` with `code` in a search of `task` with `settings`.
  public init(candidate id: String, code: String, task: String, settings: SearchSettings) {
    self.init(
      id: id, code: code, task: task, training: settings.training, memoryMegabytes: settings.workerMemoryMegabytes,
      timeoutSeconds: settings.workerTimeoutSeconds,
      clrsNetwork: TaskName(settingText: task)?.clrsAlgorithm == nil ? nil : settings.clrsNetwork)
  }
}
