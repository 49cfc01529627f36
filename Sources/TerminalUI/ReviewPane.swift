import Sessions

/// The review queue: the pending proposals, and the current one as a diff against its first parent.
public enum ReviewPane {
  public static func draw(_ model: UIModel, state: SessionState, into buffer: inout CellBuffer, rect: Rect) {
    guard rect.height >= 2, let currentID = model.reviewCurrent else { return }
    var x = rect.x
    for (index, id) in model.reviewQueue.enumerated() {
      let label = (model.marked.contains(id) ? "*" : "") + id
      let role: StyleRole = index == model.reviewCursor ? .selection : (model.marked.contains(id) ? .accent : .normal)
      x = buffer.put(label, x: x, y: rect.y, role: role, clip: rect)
      x = buffer.put(" ", x: x, y: rect.y, role: .normal, clip: rect)
    }
    guard let record = state.candidates[currentID] else { return }
    let parent = record.parents.first.flatMap { state.candidates[$0] }
    let lines = LineDiff.diff(old: parent?.code ?? "", new: record.code)
    let (added, removed) = LineDiff.stats(lines)
    var y = rect.y + 1
    x = buffer.put(
      "\(record.id) ← \(record.parents.joined(separator: " + "))  ", x: rect.x, y: y, role: .title, clip: rect)
    x = buffer.put("+\(added) ", x: x, y: y, role: .diffAdded, clip: rect)
    x = buffer.put("−\(removed)", x: x, y: y, role: .diffRemoved, clip: rect)
    if let params = record.params {
      x = buffer.put("  \(SessionReport.compact(params)) params", x: x, y: y, role: .muted, clip: rect)
    }
    buffer.put(
      "   [a]ccept [r]eject [e]dit [space] mark [d] diff mode [Enter] open", x: x, y: y, role: .muted, clip: rect)
    y += 1
    if let problem = CandidateDetail.problem(record) {
      buffer.put(problem, x: rect.x, y: y, role: .bad, clip: rect)
      y += 1
    }
    let body = Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y)
    // Start just above the first change: the unchanged head of a program says little in review.
    let firstChange = lines.firstIndex { if case .same = $0 { return false } else { return true } } ?? 0
    let rows = DiffView.rowCount(lines, style: model.diffStyle)
    let scroll = model.diffStyle == .unified ? min(max(0, firstChange - 2), max(0, rows - body.height)) : 0
    DiffView.draw(lines, style: model.diffStyle, scroll: scroll, into: &buffer, rect: body)
  }
}
