import Foundation
import Sessions

/// The top line: task, round, language model, busy workers, elapsed time and what the run is doing.
public enum HeaderBar {
  /// The run's state as the header names it.
  public static func phase(_ model: UIModel, _ state: SessionState) -> (String, StyleRole) {
    if let replay = model.replay {
      let speed = replay.speed >= 1 ? String(format: "%gx", replay.speed) : String(format: "%.2gx", replay.speed)
      if replay.position >= replay.total { return ("replay finished", .header) }
      return (replay.paused ? "replay ⏸ \(speed)" : "replay ▶ \(speed)", .header)
    }
    if state.finished { return ("finished", .header) }
    if !model.reviewQueue.isEmpty { return ("waiting for review (\(model.reviewQueue.count))", .header) }
    if model.pauseRequested { return ("pausing…", .header) }
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

  /// The header's text.
  public static func text(_ model: UIModel, _ state: SessionState) -> String {
    var parts = ["EvoPrompting"]
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
    parts.append("\(training > 0 ? "●" : "○") training \(training)/\(jobs)")
    if let first = state.firstEventTime {
      let end: Double
      if let replay = model.replay {
        end = first + replay.elapsed
      } else if state.finished {
        end = state.lastEventTime ?? first
      } else {
        end = model.now ?? state.lastEventTime ?? first
      }
      parts.append(clock(end - first))
    }
    parts.append(phase(model, state).0)
    return parts.joined(separator: " · ")
  }

  public static func draw(_ model: UIModel, _ state: SessionState, into buffer: inout CellBuffer, rect: Rect) {
    buffer.fill(rect, role: .header)
    buffer.put(DisplayWidth.truncate(" " + text(model, state), to: rect.width), x: rect.x, y: rect.y, role: .header, clip: rect)
  }
}
