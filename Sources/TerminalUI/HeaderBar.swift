import Foundation
import Sessions

/// The top two lines: task, round, language model, busy workers, elapsed time and what the run is doing; then the
/// best model (`SessionState.best`), its metrics and the rule that picks it.
public enum HeaderBar {
  /// The run's state as the header names it.
  public static func phase(_ model: UIModel, _ state: SessionState) -> (String, StyleRole) {
    if let replay = model.replay {
      if replay.position >= replay.total { return ("replay finished", .header) }
      return (replay.paused ? "replay ⏸ \(replay.speedText)" : "replay ▶ \(replay.speedText)", .header)
    }
    if state.finished { return ("finished", .header) }
    if !model.reviewQueue.isEmpty { return ("waiting for review (\(model.reviewQueue.count))", .header) }
    if model.pauseRequested { return ("pausing…", .header) }
    // The executor's cluster does not answer: evaluations wait for it (they ask again with backoff).
    if let outage = state.executorOutage {
      return (
        "\(ExecutorLabel.withoutScheme(outage.executor)) unreachable (\(outage.reason)): training paused, "
          + "retrying with backoff", .header
      )
    }
    // The language model's request failed and is waited on (HTTP backends retry with backoff).
    if let retry = state.pendingRetry {
      let wait = Int(retry.delaySeconds.rounded(.up))
      return ("LM attempt \(retry.attempt)/\(retry.maxAttempts) failed, retrying in \(wait) s", .header)
    }
    return ("running", .header)
  }

  /// `mm:ss` or `h:mm:ss`.
  public static func clock(_ seconds: Double) -> String {
    let total = max(0, Int(seconds))
    let hours = total / 3600, minutes = (total / 60) % 60, secs = total % 60
    return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%02d:%02d", minutes, secs)
  }

  /// The header's text in `width` columns: the language model, the elapsed time and the name give way, in that
  /// order, before the state of the run is cut.
  public static func text(_ model: UIModel, _ state: SessionState, width: Int) -> String {
    var parts = parts(model, state)
    for drop in ["LM ", "clock", "EvoPrompting"]
    where DisplayWidth.of(parts.map(\.text).joined(separator: " · ")) + 1 > width {
      parts.removeAll { drop == "clock" ? $0.isClock : $0.text.hasPrefix(drop) }
    }
    return parts.map(\.text).joined(separator: " · ")
  }

  static func parts(_ model: UIModel, _ state: SessionState) -> [(text: String, isClock: Bool)] {
    var parts = ["EvoPrompting"]
    var clockText = ""
    let configuration = state.configuration
    if let configuration { parts.append(configuration.task) }
    let rounds = configuration?.settings["rounds"] ?? "?"
    parts.append("round \(state.currentRound)/\(rounds)")
    if let languageModel = configuration?.languageModel {
      let backend = languageModel["backend"] ?? "?"
      parts.append(languageModel["model"].map { "LM \($0) (\(backend))" } ?? "LM \(backend)")
    }
    let training = state.orderedCandidates.filter { $0.status == .training }.count
    let jobs = configuration?.settings["jobs"] ?? "?"
    // Jobs the cluster lost were submitted again: say so for the rest of the run.
    let retried =
      state.lostJobCount == 0 ? "" : " (\(state.lostJobCount) lost job\(state.lostJobCount == 1 ? "" : "s") retried)"
    parts.append(
      "\(training > 0 ? "●" : "○") training \(training)/\(jobs)"
        + ExecutorLabel.headerSuffix(configuration?.settings) + retried)
    if let first = state.firstEventTime {
      let end: Double
      if let replay = model.replay {
        end = first + replay.elapsed
      } else if state.finished {
        end = state.lastEventTime ?? first
      } else {
        end = model.now ?? state.lastEventTime ?? first
      }
      clockText = clock(end - first)
      parts.append(clockText)
    }
    parts.append(phase(model, state).0)
    return parts.map { ($0, $0 == clockText) }
  }

  /// The second line's parts: the best model and its metrics, and the rule (long, then short, as room allows).
  public static func bestParts(_ state: SessionState) -> (model: [String], rule: String, shortRule: String) {
    guard let best = state.best else {
      let evaluated = state.orderedCandidates.contains { $0.status == .evaluated }
      return (
        [evaluated ? "no model is eligible yet" : "no model evaluated yet"], "best = " + state.bestRule,
        "best = " + state.bestRuleShort
      )
    }
    var parts = ["best \(best.id)" + (best.name.map { " (\($0))" } ?? "")]
    parts.append("val " + Metrics.percent(best.validationAccuracy))
    if let test = best.testAccuracy { parts.append("test " + Metrics.percent(test)) }
    parts.append("\(SessionReport.compact(best.params ?? 0)) params")
    parts.append("fitness " + Metrics.fitness(best.fitness ?? 0))
    parts.append("round \(best.round)")
    return (parts, state.bestRule, state.bestRuleShort)
  }

  public static func draw(_ model: UIModel, _ state: SessionState, into buffer: inout CellBuffer, rect: Rect) {
    buffer.fill(rect.row(0), role: .header)
    buffer.put(
      DisplayWidth.truncate(" " + text(model, state, width: rect.width), to: rect.width), x: rect.x, y: rect.y,
      role: .header, clip: rect)
    guard rect.height >= 2 else { return }
    let row = rect.row(1)
    buffer.fill(row, role: .normal)
    let (parts, rule, shortRule) = bestParts(state)
    let x = buffer.put(
      " ★ " + parts.joined(separator: " · "), x: row.x, y: row.y, role: state.best == nil ? .muted : .good, clip: row)
    for candidate in [" · " + rule, " · " + shortRule] where x + DisplayWidth.of(candidate) <= row.maxX {
      buffer.put(candidate, x: x, y: row.y, role: .muted, clip: row)
      break
    }
  }
}
