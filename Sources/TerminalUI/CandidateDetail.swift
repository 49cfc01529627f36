import Foundation
import Sessions

/// A candidate's detail: what it is and how it did (a header that wraps), why it was dropped, deltas against its
/// parents, its training curve, and tabs for the diff against a parent, its code, its prompt and the raw reply.
public enum CandidateDetail {
  /// What the header says about a candidate, part by part.
  public static func summaryParts(_ record: CandidateRecord, state: SessionState) -> [String] {
    var parts = [record.id + (state.best?.id == record.id ? "★" : ""), "round \(record.round)", record.origin.rawValue]
    if let name = record.name { parts.append(name) }
    if !record.parents.isEmpty { parts.append("← " + record.parents.joined(separator: " + ")) }
    parts.append(record.status.rawValue)
    if let params = record.params { parts.append("\(SessionReport.compact(params)) params") }
    if let accuracy = record.validationAccuracy { parts.append(String(format: "val %.1f%%", Double(accuracy) * 100)) }
    if let accuracy = record.testAccuracy { parts.append(String(format: "test %.1f%%", Double(accuracy) * 100)) }
    if let fitness = record.fitness { parts.append("fitness " + Metrics.fitness(fitness)) }
    if state.best?.id == record.id {
      parts.append("best model (\(state.bestRuleShort))")
    } else if record.status == .evaluated, let error = record.validationError, !state.isEligible(record) {
      parts.append(String(format: "not eligible: val error %.1f%% ≥ α %g", Double(error) * 100, Double(state.alpha)))
    }
    if let seconds = record.seconds { parts.append("trained in " + SessionReport.duration(seconds)) }
    if let prompt = record.promptIndex {
      parts.append("prompt \(prompt + 1)" + (record.sampleIndex.map { " sample \($0 + 1)" } ?? ""))
    }
    if let temperature = record.temperature { parts.append(String(format: "T %g", Double(temperature))) }
    if record.constrained == true { parts.append("constrained") }
    if record.edited { parts.append("edited") }
    // The code shown (and trained) is the repaired program; the raw reply tab keeps what the model wrote.
    for repair in record.repairs { parts.append("repaired " + repair) }
    if let job = record.submissions.last {
      // A retry after a lost job makes a second one; the cluster's name of the job finds it in its dashboard.
      parts.append(
        record.submissions.count > 1 ? "cluster job \(job) (\(record.submissions.count) jobs)" : "cluster job \(job)")
    }
    return parts
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

  /// The content of a tab: diff lines against the current parent, or text lines.
  struct TabLines {
    var diff: [LineDiff.Line] = []
    var text: [String] = []
    var parent: CandidateRecord?
  }

  static func parents(_ record: CandidateRecord, state: SessionState) -> [CandidateRecord] {
    record.parents.compactMap { state.candidates[$0] }
  }

  static func tabLines(_ tab: DetailTab, _ record: CandidateRecord, state: SessionState, parentIndex: Int) -> TabLines {
    switch tab {
    case .diff:
      let parents = parents(record, state: state)
      guard !parents.isEmpty else { return TabLines(text: LineDiff.lines(record.code)) }
      let parent = parents[parentIndex % parents.count]
      return TabLines(diff: LineDiff.diff(old: parent.code, new: record.code), parent: parent)
    case .code: return TabLines(text: LineDiff.lines(record.code))
    case .prompt: return TabLines(text: state.prompt(of: record).map { LineDiff.lines($0.text) } ?? [])
    case .reply: return TabLines(text: record.rawText.map(LineDiff.lines) ?? [])
    }
  }

  static func gutterWidth(_ tab: DetailTab, lines: TabLines, style: UIModel.DiffStyle) -> Int {
    tab == .diff && lines.parent != nil
      ? DiffView.gutterWidth(lines.diff, style: style) : CodeView.gutterWidth(lineCount: lines.text.count)
  }

  /// Draws the detail of `record` as `layout` places it.
  static func draw(
    _ record: CandidateRecord, state: SessionState, model: UIModel, layout: DetailLayout, glyphs: PlotGlyphs,
    into buffer: inout CellBuffer
  ) {
    var y = layout.top
    let x = layout.content.x, clip = Rect(x: x, y: y, width: layout.content.width, height: layout.content.maxY - y)
    for line in layout.headerLines {
      buffer.put(line, x: x, y: y, role: .title, clip: clip)
      y += 1
    }
    for line in layout.problemLines {
      buffer.put(line, x: x, y: y, role: .bad, clip: clip)
      y += 1
    }
    let parents = parents(record, state: state)
    if let deltas = layout.deltas {
      ParentDeltas.draw(
        record, parents: parents, current: model.detailParentIndex % max(1, parents.count), state: state,
        into: &buffer, rect: deltas)
    }
    if let curve = layout.curve {
      TrainingCurvePlot.draw(record.curve, plotted: layout.curvePlotted, glyphs: glyphs, into: &buffer, rect: curve)
    }
    let lines = tabLines(layout.tab, record, state: state, parentIndex: model.detailParentIndex)
    drawTabs(record, state: state, model: model, layout: layout, lines: lines, into: &buffer)
    let scroll = min(model.detailScroll, max(0, layout.contentRows - layout.content.height))
    let column = min(model.detailColumn, layout.panLimit)
    let marked = record.rejection?.line
    switch layout.tab {
    case .diff where lines.parent != nil:
      DiffView.draw(
        lines.diff, style: model.diffStyle, scroll: scroll, column: column, markedLine: marked, into: &buffer,
        rect: layout.content)
    case .diff, .code:
      CodeView.draw(lines.text, scroll: scroll, column: column, markedLine: marked, into: &buffer, rect: layout.content)
    case .prompt, .reply:
      CodeView.draw(lines.text, scroll: scroll, column: column, python: false, into: &buffer, rect: layout.content)
    }
  }

  /// The tab bar: each tab's name (the current one highlighted), the diff's counts, and where the view is scrolled.
  static func drawTabs(
    _ record: CandidateRecord, state: SessionState, model: UIModel, layout: DetailLayout, lines: TabLines,
    into buffer: inout CellBuffer
  ) {
    let row = layout.tabs
    var x = row.x
    for tab in DetailTab.available(record, state: state) {
      var label = tab.rawValue
      if tab == .diff, let parent = lines.parent ?? parents(record, state: state).first {
        let count = parents(record, state: state).count
        label = "diff vs \(parent.id)" + (count > 1 ? " (\(model.detailParentIndex % count + 1)/\(count))" : "")
      }
      x = buffer.put(" \(label) ", x: x, y: row.y, role: tab == layout.tab ? .selection : .muted, clip: row)
      x = buffer.put(" ", x: x, y: row.y, role: .normal, clip: row)
    }
    if layout.tab == .diff, lines.parent != nil {
      let (added, removed) = LineDiff.stats(lines.diff)
      x = buffer.put(" +\(added)", x: x, y: row.y, role: .diffAdded, clip: row)
      x = buffer.put(" −\(removed)", x: x, y: row.y, role: .diffRemoved, clip: row)
      x = buffer.put(
        model.diffStyle == .unified ? " unified" : " side by side", x: x, y: row.y, role: .muted, clip: row)
    }
    let scroll = min(model.detailScroll, max(0, layout.contentRows - layout.content.height))
    var position =
      layout.contentRows > layout.content.height
      ? " lines \(scroll + 1)-\(min(layout.contentRows, scroll + layout.content.height))/\(layout.contentRows)" : ""
    let column = min(model.detailColumn, layout.panLimit)
    if column > 0 { position += " · col \(column + 1)" }
    if !position.isEmpty, x + DisplayWidth.of(position) < row.maxX {
      buffer.put(position, x: row.maxX - DisplayWidth.of(position), y: row.y, role: .muted, clip: row)
    }
  }

  /// Values as block heights `▁▂▃▄▅▆▇█`, scaled between their minimum and maximum.
  public static func sparkline(_ values: [Float]) -> String {
    let levels = Array("▁▂▃▄▅▆▇█")
    guard let low = values.min(), let high = values.max() else { return "" }
    let span = high - low
    return String(
      values.map { value in
        span <= 0
          ? levels[levels.count / 2]
          : levels[min(levels.count - 1, Int((value - low) / span * Float(levels.count - 1) + 0.5))]
      })
  }
}
