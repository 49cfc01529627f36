import Sessions

/// Draws a whole frame: a pure function of the session state, the UI model and the terminal size.
public enum FrameRenderer {
  public static let minimumWidth = 60
  public static let minimumHeight = 16

  /// The frame for `state` and `model` at `width`x`height`.
  public static func render(_ model: UIModel, _ state: SessionState, width: Int, height: Int, glyphs: PlotGlyphs = .braille) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: height)
    guard width >= minimumWidth, height >= minimumHeight else {
      TooSmallScreen.draw(into: &buffer, minimumWidth: minimumWidth, minimumHeight: minimumHeight)
      return buffer
    }
    let (headerRow, belowHeader) = buffer.bounds.splitTop(1)
    var (body, footerRow) = belowHeader.splitBottom(1)
    HeaderBar.draw(model, state, into: &buffer, rect: headerRow)
    FooterBar.draw(model, live: model.isLive(state), into: &buffer, rect: footerRow)
    if let replay = model.replay {
      let (rest, timelineRow) = body.splitBottom(1)
      ReplayTimeline.draw(replay, into: &buffer, rect: timelineRow)
      body = rest
    }
    let editorArea = body
    if !model.reviewQueue.isEmpty, model.detailID == nil {
      let (rest, reviewArea) = body.splitBottom(max(7, body.height * 2 / 5))
      buffer.box(reviewArea, title: "Review · \(model.reviewQueue.count) pending", role: model.focus == .review ? .accent : .border)
      ReviewPane.draw(model, state: state, into: &buffer, rect: reviewArea.inset(by: 1))
      body = rest
    }
    if let detailID = model.detailID, let record = state.candidates[detailID] {
      buffer.box(body, title: "Candidate \(record.id)", role: .accent)
      CandidateDetail.draw(
        record, state: state, parentIndex: model.detailParentIndex, style: model.diffStyle, scroll: model.detailScroll,
        into: &buffer, rect: body.inset(by: 1))
    } else {
      drawMain(model, state, glyphs: glyphs, into: &buffer, rect: body)
    }
    if let editor = model.editor { TextEditorView.draw(editor, into: &buffer, rect: editorArea) }
    if model.helpVisible { HelpOverlay.draw(into: &buffer, area: buffer.bounds) }
    return buffer
  }

  /// Population on the left; fitness plot, Pareto scatter and the LM log on the right.
  static func drawMain(_ model: UIModel, _ state: SessionState, glyphs: PlotGlyphs, into buffer: inout CellBuffer, rect: Rect) {
    let (left, right) = rect.splitHorizontally(fraction: rect.width >= 120 ? 0.52 : 0.58)
    let rows = model.visibleRows(state)
    var title = "Population \(state.orderedCandidates.count)"
    if !model.filterText.isEmpty { title += " · \(rows.count) match '\(model.filterText)'" }
    if model.sortColumn != .order || model.sortDescending { title += " · by \(model.sortColumn.rawValue)" }
    buffer.box(left, title: title, role: model.focus == .population ? .accent : .border)
    let table = left.inset(by: 1)
    let selected = model.selectedIndex(in: rows)
    let top = PopulationTable.top(selected: selected, count: rows.count, height: table.height - 1)
    PopulationTable.draw(
      rows, selected: selected, top: top, sort: model.sortColumn,
      descending: model.sortDescending, marked: model.marked, best: state.best?.id, into: &buffer, rect: table)

    let showLog = right.height >= 15 || model.focus == .log
    let fitnessHeight = showLog && right.height >= 15 ? right.height * 2 / 5 : right.height / 2
    let (fitnessArea, rest) = right.splitTop(fitnessHeight)
    let plotFocused = model.focus == .plots
    let fitnessTitle = state.tuning.isEmpty ? "Validation accuracy by round" : "Validation accuracy by round · tuning loss"
    buffer.box(fitnessArea, title: fitnessTitle, role: plotFocused ? .accent : .border)
    var fitnessInner = fitnessArea.inset(by: 1)
    if !state.tuning.isEmpty && fitnessInner.height >= 5 {
      // Prompt-tuning's loss curves share the box: a row per tuned round, the plot keeps at least four rows.
      let (plotArea, tuningArea) = fitnessInner.splitBottom(min(state.tuning.count, fitnessInner.height - 4))
      TuningLossPlot.draw(state.tuning, into: &buffer, rect: tuningArea)
      fitnessInner = plotArea
    }
    FitnessPlot.draw(FitnessHistory(state), into: &buffer, rect: fitnessInner, glyphs: glyphs)
    var paretoArea = rest, logArea: Rect?
    if showLog {
      if right.height >= 15 {
        let split = rest.splitVertically(fraction: 0.5)
        paretoArea = split.top
        logArea = split.bottom
      } else {
        logArea = rest
        paretoArea = Rect(x: rest.x, y: rest.y, width: 0, height: 0)
      }
    }
    if !paretoArea.isEmpty {
      let points = ParetoPlot.points(state)
      buffer.box(paretoArea, title: "Pareto: val error × params · front \(ParetoPlot.front(points).count)", role: plotFocused ? .accent : .border)
      ParetoPlot.draw(points, into: &buffer, rect: paretoArea.inset(by: 1))
    }
    if let logArea {
      let title = model.mode == .replay ? "Replies (recorded)" : "Language model"
      buffer.box(logArea, title: title + (model.logScroll > 0 ? " · ↑\(model.logScroll)" : ""), role: model.focus == .log ? .accent : .border)
      LogPane.draw(model.logLines, scroll: model.logScroll, into: &buffer, rect: logArea.inset(by: 1))
    }
  }
}
