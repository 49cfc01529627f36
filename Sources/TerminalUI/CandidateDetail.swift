import Foundation
import Sessions

/// A candidate's summary line, why it was dropped, and its program: a diff against one parent, or the code.
public enum CandidateDetail {
  /// One line about a candidate.
  public static func summary(_ record: CandidateRecord) -> String {
    var parts = [record.id, "round \(record.round)", record.origin.rawValue]
    if let name = record.name { parts.append(name) }
    if !record.parents.isEmpty { parts.append("← " + record.parents.joined(separator: " + ")) }
    parts.append(record.status.rawValue)
    if let params = record.params { parts.append("\(SessionReport.compact(params)) params") }
    if let accuracy = record.validationAccuracy { parts.append(String(format: "val %.1f%%", Double(accuracy) * 100)) }
    if let accuracy = record.testAccuracy { parts.append(String(format: "test %.1f%%", Double(accuracy) * 100)) }
    if let seconds = record.seconds { parts.append(String(format: "%.1fs", seconds)) }
    if record.edited { parts.append("edited") }
    return parts.joined(separator: " · ")
  }

  /// Why the candidate was dropped or failed, if it was.
  public static func problem(_ record: CandidateRecord) -> String? {
    if let rejection = record.rejection {
      let location = rejection.line.map { " at line \($0)" + (rejection.column.map { ":\($0)" } ?? "") } ?? ""
      let duplicate = rejection.duplicateOf.map { " (duplicate of \($0))" } ?? ""
      return "\(rejection.kind.rawValue)\(location): \(rejection.reason)\(duplicate)"
    }
    return record.failure.map { "training failed: \($0)" }
  }

  /// Draws the detail of `record` in `rect` (inside a border drawn by the caller).
  public static func draw(
    _ record: CandidateRecord, state: SessionState, parentIndex: Int, style: UIModel.DiffStyle, scroll: Int,
    into buffer: inout CellBuffer, rect: Rect
  ) {
    guard rect.height >= 3 else { return }
    var y = rect.y
    buffer.put(summary(record), x: rect.x, y: y, role: .title, clip: rect)
    y += 1
    if let problem = problem(record) {
      buffer.put(problem, x: rect.x, y: y, role: .bad, clip: rect)
      y += 1
    }
    let curve = record.curve.compactMap(\.validationAccuracy)
    if !curve.isEmpty, let last = record.curve.last {
      let x = buffer.put("training: step \(last.step)/\(last.steps), loss \(String(format: "%.3f", last.trainLoss)), val acc ", x: rect.x, y: y, role: .muted, clip: rect)
      buffer.put(sparkline(curve), x: x, y: y, role: .plotBest, clip: rect)
      y += 1
    }
    let parents = record.parents.compactMap { state.candidates[$0] }
    let body: Rect
    if parents.isEmpty {
      buffer.put("program (no parent to compare with)", x: rect.x, y: y, role: .muted, clip: rect)
      body = Rect(x: rect.x, y: y + 1, width: rect.width, height: rect.maxY - y - 1)
      CodeView.draw(record.code, scroll: scroll, highlightLine: record.rejection?.line, into: &buffer, rect: body)
      return
    }
    let parent = parents[parentIndex % parents.count]
    let lines = LineDiff.diff(old: parent.code, new: record.code)
    let (added, removed) = LineDiff.stats(lines)
    var x = buffer.put("diff against \(parent.id) (\(parentIndex % parents.count + 1)/\(parents.count))  ", x: rect.x, y: y, role: .muted, clip: rect)
    x = buffer.put("+\(added) ", x: x, y: y, role: .diffAdded, clip: rect)
    x = buffer.put("−\(removed)", x: x, y: y, role: .diffRemoved, clip: rect)
    buffer.put("   [n] next parent  [d] \(style == .unified ? "side by side" : "unified")  [Esc] close", x: x, y: y, role: .muted, clip: rect)
    body = Rect(x: rect.x, y: y + 1, width: rect.width, height: rect.maxY - y - 1)
    let maxScroll = max(0, DiffView.rowCount(lines, style: style) - body.height)
    DiffView.draw(lines, style: style, scroll: min(scroll, maxScroll), into: &buffer, rect: body)
  }

  /// Values as block heights `▁▂▃▄▅▆▇█`, scaled between their minimum and maximum.
  public static func sparkline(_ values: [Float]) -> String {
    let levels = Array("▁▂▃▄▅▆▇█")
    guard let low = values.min(), let high = values.max() else { return "" }
    let span = high - low
    return String(values.map { value in
      span <= 0 ? levels[levels.count / 2] : levels[min(levels.count - 1, Int((value - low) / span * Float(levels.count - 1) + 0.5))]
    })
  }
}
