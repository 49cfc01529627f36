import Foundation
import Sessions
import TerminalUI

/// Prints a running search as lines a person can follow (and a log file can keep).
struct HeadlessPrinter: Sendable {
  let totalRounds: Int
  /// Whether to print a cluster executor's recorded events (`replay`); a live run prints its notes as they come.
  var printsExecutorEvents = false

  func callAsFunction(_ logged: LoggedEvent, _ state: SessionState) {
    guard let line = line(for: logged.event, state: state) else { return }
    Self.printLine(line)
  }

  /// Prints one line, unbuffered, so `tee` and log files see progress as it happens.
  static let printLine: @Sendable (String) -> Void = { line in
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  /// What the run's language model does beyond sampling, as the banner says it: constrained decoding and its levers,
  /// prompt tuning, shrink prompts. Only the embedded model decodes under constraints or is prompt-tuned.
  private static func features(of configured: RunConfigured) -> String {
    let settings = configured.settings
    var features = ""
    if configured.languageModel["backend"] == "embedded" {
      features += settings["constrained"] == "false" ? " · unconstrained" : " · constrained decoding"
      if settings["constrained"] != "false" && settings["refuse_copies"] == "true" { features += " · refusing copies" }
      // Tuning runs between rounds, so a one-round search (or the naive baseline) has none.
      let rounds = Int(settings["rounds"] ?? "") ?? 2
      if settings["prompt_tuning"] != "false" && rounds > 1 && settings["baseline"] != "naive-fewshot" {
        features += " · prompt tuning"
      }
    }
    if let share = settings["shrink_prompts"].flatMap(Float.init), share > 0 {
      features += " · shrink prompts \(Int((share * 100).rounded()))%"
    }
    return features
  }

  private func line(for event: SessionEvent, state: SessionState) -> String? {
    let metric = TaskMetric.of(task: state.configuration?.task)
    switch event {
    case .runConfigured(let configured):
      let model = configured.languageModel["model"].map { " \($0)" } ?? ""
      return
        "EvoPrompting · \(configured.task) · LM \(configured.languageModel["backend"] ?? "?")\(model)\(Self.features(of: configured)) · seed \(configured.seed)"
        + " · \(ExecutorLabel.text(configured.settings))"
    case .runResumed(let interrupted):
      return "resumed after \(state.eventCount - 1) events"
        + (interrupted.isEmpty ? "" : "; retraining \(interrupted.joined(separator: ", "))")
    case .candidateProposed(let proposal) where proposal.origin == .seed:
      return "seed \(proposal.id): \(proposal.name ?? "")"
    case .roundStarted(let round):
      return "── round \(round)/\(totalRounds) " + String(repeating: "─", count: 40)
    case .promptBuilt(let prompt):
      return
        "prompt \(prompt.index + 1): parents \(prompt.parents.joined(separator: " ")), temperature \(prompt.temperature), \(prompt.samples) samples"
    case .proposalValidated(let validated):
      guard let record = state.candidates[validated.id], record.origin != .seed else { return nil }
      return
        "  \(validated.id) ← \(record.parents.joined(separator: "+")): valid, \(SessionReport.compact(validated.params)) params"
    case .proposalRejected(let rejected):
      let location = rejected.line.map { " at \($0)" + (rejected.column.map { ":\($0)" } ?? "") } ?? ""
      switch rejected.kind {
      case .duplicate: return "  \(rejected.id): duplicate of \(rejected.duplicateOf ?? "?")"
      case .noCode: return "  \(rejected.id): no program in the reply"
      case .invalid: return "  \(rejected.id): invalid\(location): \(rejected.reason)"
      case .review: return "  \(rejected.id): rejected in review"
      case .languageModel: return "  \(rejected.id): failed: \(rejected.reason)"
      }
    case .reviewDecided(let decision):
      return "  \(decision.id): \(decision.decision.rawValue) in review"
    case .trainingStarted(let id, let attempt):
      return "  training \(id)" + (attempt > 1 ? " (attempt \(attempt))" : "") + " …"
    case .trainingProgress(let progress):
      // A line at each quarter of training, so long runs show they are moving.
      let quarter = max(progress.steps / 4, 1)
      guard progress.step % quarter < max(progress.steps / 16, 1), progress.step < progress.steps else { return nil }
      let accuracy =
        progress.validationAccuracy.map { ", \(metric.validationLabel) " + String(format: "%.2f%%", 100 * $0) } ?? ""
      return
        "  \(progress.id): step \(progress.step)/\(progress.steps), loss \(String(format: "%.3f", progress.trainLoss))\(accuracy)"
    case .trainingFinished(let result):
      let fitness = state.candidates[result.id]?.fitness.map { String(format: ", fitness %.1f", $0) } ?? ""
      return
        "  \(result.id): \(metric.validationLabel) \(String(format: "%.2f%%", 100 * result.validationAccuracy)), \(metric.testLabel) \(String(format: "%.2f%%", 100 * result.testAccuracy)), "
        + "\(SessionReport.compact(result.params)) params\(fitness) (\(SessionReport.duration(result.seconds)))"
    case .trainingFailed(let id, let reason):
      return "  \(id): training failed: \(reason)"
    case .parentsSelected(let selection):
      return "parents after round \(selection.round): \(selection.parents.joined(separator: " "))"
    case .promptTuningFinished(let tuning):
      let first = tuning.lossCurve.first.map { String(format: "%.3f", $0) } ?? "?"
      let last = tuning.lossCurve.last.map { String(format: "%.3f", $0) } ?? "?"
      return "prompt tuning after round \(tuning.round): loss \(first) → \(last) over \(tuning.lossCurve.count) steps "
        + "(\(SessionReport.duration(tuning.seconds)))" + (tuning.softPrompt.map { ", saved \($0)" } ?? "")
    case .roundFinished(let round):
      let children = state.orderedCandidates.filter { $0.round == round && $0.origin != .seed }
      let count = { (status: String) in children.filter { $0.status.reportName == status }.count }
      let best =
        state.best.map { best in
          " · best so far \(best.id): \(metric.validationLabel) \(String(format: "%.2f%%", 100 * (best.validationAccuracy ?? 0))), \(SessionReport.compact(best.params ?? 0)) params"
        } ?? ""
      return
        "round \(round): \(children.count) proposals, \(count("evaluated")) evaluated, \(count("rejected")) rejected, "
        + "\(count("duplicate")) duplicate, \(count("failed")) failed\(best)"
    case .runFinished:
      return "\nfinished.\n" + SessionReport(state: state).table()
    case .languageModelRetried(let retry):
      let wait = retry.delaySeconds < 10 ? String(format: "%.1f", retry.delaySeconds) : String(Int(retry.delaySeconds))
      return
        "  prompt \(retry.promptIndex + 1): attempt \(retry.attempt)/\(retry.maxAttempts) failed (\(retry.reason)); "
        + "retrying in \(wait) s"
    case .jobSubmitted, .jobReattached, .jobLost, .executorUnreachable, .executorReachable:
      return printsExecutorEvents ? Self.executorLine(for: event) : nil
    default:
      return nil
    }
  }
}
