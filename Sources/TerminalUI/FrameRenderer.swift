import Sessions

/// Draws a whole frame: a pure function of the session state, the UI model and the terminal size.
public enum FrameRenderer {
  public static let minimumWidth = ScreenLayout.minimumWidth
  public static let minimumHeight = ScreenLayout.minimumHeight

  /// The frame for `state` and `model` at `width`x`height`.
  public static func render(
    _ model: UIModel, _ state: SessionState, width: Int, height: Int, glyphs: PlotGlyphs = .braille
  ) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: height)
    let layout = ScreenLayout(model, state, width: width, height: height)
    guard !layout.isTooSmall else {
      TooSmallScreen.draw(into: &buffer, minimumWidth: minimumWidth, minimumHeight: minimumHeight)
      return buffer
    }
    HeaderBar.draw(model, state, into: &buffer, rect: layout.header)
    FooterBar.draw(model, state, into: &buffer, rect: layout.footer)
    if let replay = model.replay, let timeline = layout.timeline {
      ReplayTimeline.draw(replay, into: &buffer, rect: timeline)
    }
    if let review = layout.review {
      buffer.box(
        review, title: "Review · \(model.reviewQueue.count) pending", role: model.focus == .review ? .accent : .border)
      ReviewPane.draw(model, state: state, into: &buffer, rect: review.inset(by: 1))
    }
    if let detail = layout.detail, let box = layout.detailBox,
      let record = model.detailID.flatMap({ state.candidates[$0] })
    {
      buffer.box(box, title: "Candidate \(record.id)", role: .accent)
      CandidateDetail.draw(record, state: state, model: model, layout: detail, glyphs: glyphs, into: &buffer)
    } else if let main = layout.main {
      drawMain(model, state, layout: main, glyphs: glyphs, into: &buffer)
    }
    if let editor = model.editor { TextEditorView.draw(editor, into: &buffer, rect: layout.editor) }
    if model.helpVisible {
      HelpOverlay.draw(
        contexts: model.viewContexts(state), scroll: model.helpScroll, into: &buffer, area: buffer.bounds)
    }
    return buffer
  }

  /// The population, the round plot, the Pareto scatter and the language model's pane.
  static func drawMain(
    _ model: UIModel, _ state: SessionState, layout: MainLayout, glyphs: PlotGlyphs, into buffer: inout CellBuffer
  ) {
    let rows = model.visibleRows(state)
    var title = "Population \(state.orderedCandidates.count)"
    if !model.filterText.isEmpty { title += " · \(rows.count) match '\(model.filterText)'" }
    title += " · sort \(model.sortColumn.title) \(model.sortDescending ? "▼" : "▲")"
    buffer.box(layout.table, title: title, role: model.focus == .population ? .accent : .border)
    let table = layout.table.inset(by: 1)
    let selected = model.selectedIndex(in: rows)
    let top = PopulationTable.top(selected: selected, count: rows.count, height: table.height - 1)
    let eligible = Set(state.orderedCandidates.filter(state.isEligible).map(\.id))
    PopulationTable.draw(
      rows, selected: selected, top: top, sort: model.sortColumn, descending: model.sortDescending,
      marked: model.marked, best: state.best?.id, eligible: eligible,
      metric: TaskMetric.of(task: state.configuration?.task), into: &buffer, rect: table)
    // The plots show the selected candidate: the table's row, or the point j/k reached in the plots pane.
    let highlighted = model.focus == .plots ? model.selectedID : selected.map { rows[$0].id }
    drawRoundPlot(model, state, highlighted: highlighted, glyphs: glyphs, into: &buffer, box: layout.roundPlot)
    if let pareto = layout.pareto, !pareto.isEmpty {
      let points = ParetoPlot.points(state)
      let summary = ParetoPlot.draw(points, selected: highlighted, into: &buffer, rect: pareto.inset(by: 1))
      var title = "Pareto: val error × params · front \(summary.frontCount)"
      if summary.hidden > 0 { title += " · \(summary.hidden) overlap" }
      if let highlighted, !points.contains(where: { $0.id == highlighted }) { title += " · \(highlighted) not plotted" }
      buffer.box(pareto, title: title, role: model.focus == .plots ? .accent : .border)
    }
    if let log = layout.log {
      let title = model.mode == .replay ? "Replies (recorded)" : "Language model"
      let position =
        (model.logScroll > 0 ? " · ↑\(model.logScroll)" : "") + (model.logColumn > 0 ? " · →\(model.logColumn)" : "")
      buffer.box(log, title: title + position, role: model.focus == .log ? .accent : .border)
      LogPane.draw(
        model.logLines, scroll: model.logScroll, column: model.logColumn, into: &buffer, rect: log.inset(by: 1))
    }
  }

  static func drawRoundPlot(
    _ model: UIModel, _ state: SessionState, highlighted: String?, glyphs: PlotGlyphs, into buffer: inout CellBuffer,
    box: Rect
  ) {
    let history = RoundHistory(state)
    let metric = TaskMetric.of(task: state.configuration?.task).validationTitle
    let title =
      metric.prefix(1).uppercased() + metric.dropFirst() + " by round · valid/proposed"
      + (state.tuning.isEmpty ? "" : " · tuning loss")
    buffer.box(box, title: title, role: model.focus == .plots ? .accent : .border)
    var inner = box.inset(by: 1)
    if !state.tuning.isEmpty && inner.height >= 6 {
      // Prompt-tuning's loss curves share the box: a row per tuned round, the plot keeps at least five rows.
      let (plotArea, tuningArea) = inner.splitBottom(min(state.tuning.count, inner.height - 5))
      TuningLossPlot.draw(state.tuning, into: &buffer, rect: tuningArea)
      inner = plotArea
    }
    RoundPlot.draw(history, selected: highlighted, into: &buffer, rect: inner, glyphs: glyphs)
  }
}
