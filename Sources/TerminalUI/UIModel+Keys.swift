import Sessions

extension UIModel {
  /// The pure key handler: the new model and the actions for the app to carry out.
  public static func reduce(_ model: UIModel, _ key: KeyEvent, _ state: SessionState) -> (UIModel, [UIAction]) {
    var copy = model
    let actions = copy.handle(key, state: state)
    return (copy, actions)
  }

  /// The contexts of the view on screen, most specific first (the help, when open, covers them).
  public func viewContexts(_ state: SessionState) -> [KeyContext] {
    var contexts: [KeyContext] = []
    if detailID != nil {
      contexts.append(.detail)
    } else if focus == .plots {
      contexts.append(.plots)
    } else if focus == .log {
      contexts.append(.log)
    }
    if !reviewQueue.isEmpty { contexts.append(.review) }
    if mode == .replay { contexts.append(.replay) }
    return contexts
  }

  /// The contexts whose bindings apply now, most specific first.
  public func activeContexts(_ state: SessionState) -> [KeyContext] {
    helpVisible ? [.help] + viewContexts(state) : viewContexts(state)
  }

  /// Applies one key; returns the actions for the app.
  public mutating func handle(_ key: KeyEvent, state: SessionState) -> [UIAction] {
    if key == .resize { return [] }
    if key == .interrupt { return [.quit] }
    message = nil
    if var editor {
      switch editor.handle(key) {
      case .editing:
        self.editor = editor
      case .cancelled:
        self.editor = nil
        message = "edit of \(editor.candidateID) cancelled"
      case .saved(let code):
        self.editor = nil
        return [.editorSaved(editor.candidateID, code: code, purpose: editor.purpose)]
      }
      return []
    }
    if confirmingQuit {
      confirmingQuit = false
      return key == .character("y") || key == .character("q") ? [.quit] : []
    }
    if isEditingFilter {
      switch key {
      case .character(let character): filterText.append(character)
      case .backspace: if !filterText.isEmpty { filterText.removeLast() }
      case .enter: isEditingFilter = false
      case .escape:
        filterText = ""
        isEditingFilter = false
      default: break
      }
      return []
    }
    guard let command = KeyTable.command(for: key, in: activeContexts(state)) else { return [] }
    return run(command, state: state)
  }

  mutating func run(_ command: UICommand, state: SessionState) -> [UIAction] {
    switch command {
    case .quit:
      if isLive(state) {
        confirmingQuit = true
        return []
      }
      return [.quit]
    case .help:
      helpVisible.toggle()
      helpScroll = 0
    case .suspend: return [.suspend]
    case .filter:
      isEditingFilter = true
      focus = .population
    case .down: move(by: 1, state: state)
    case .up: move(by: -1, state: state)
    case .pageDown: move(by: max(1, pageSize - 1), state: state)
    case .pageUp: move(by: -max(1, pageSize - 1), state: state)
    case .top: move(by: Int.min / 2, state: state)
    case .bottom: move(by: Int.max / 2, state: state)
    case .left: pan(by: -8, state: state)
    case .right: pan(by: 8, state: state)
    case .nextPane: cycleFocus(by: 1)
    case .previousPane: cycleFocus(by: -1)
    case .open: open(state: state)
    case .back: back()
    case .pause:
      if mode == .replay { return [.replay(.togglePause)] }
      guard isLive(state), !pauseRequested else { return [] }
      pauseRequested = true
      return [.pause]
    case .theme:
      themeIndex = themeNames.isEmpty ? 0 : (themeIndex + 1) % themeNames.count
    case .sortNext:
      sortColumn = sortColumn.next
      sortDescending = sortColumn.descendingFirst
    case .sortReverse:
      sortDescending.toggle()
    case .diffMode:
      diffStyle = diffStyle == .unified ? .sideBySide : .unified
      clampDetail(state)
    case .nextParent:
      let count = detailID.flatMap { state.candidates[$0] }?.parents.count ?? 0
      detailParentIndex = count == 0 ? 0 : (detailParentIndex + 1) % count
      detailScroll = 0
    case .nextTab, .previousTab:
      switchTab(by: command == .nextTab ? 1 : -1, state: state)
    case .accept, .reject:
      let targets = reviewTargets()
      guard !targets.isEmpty else { return [] }
      resolveReview(targets)
      return [command == .accept ? .accept(targets) : .reject(targets)]
    case .edit:
      guard let current = reviewCurrent else { return [] }
      return [.edit(current)]
    case .mark:
      guard let current = reviewCurrent else { return [] }
      if marked.contains(current) { marked.remove(current) } else { marked.insert(current) }
      if reviewCursor < reviewQueue.count - 1 { reviewCursor += 1 }
    case .handEdit:
      guard mode == .live, !state.finished else {
        message = "hand edits need a live run"
        return []
      }
      let rows = visibleRows(state)
      guard let index = selectedIndex(in: rows) else { return [] }
      return [.handEdit(rows[index].id)]
    case .replayTogglePause: return [.replay(.togglePause)]
    case .replayStepBack: return [.replay(.step(-1))]
    case .replayStepForward: return [.replay(.step(1))]
    case .replayFaster: return [.replay(.scaleSpeed(2))]
    case .replaySlower: return [.replay(.scaleSpeed(0.5))]
    case .replayPreviousRound: return [.replay(.jumpRound(-1))]
    case .replayNextRound: return [.replay(.jumpRound(1))]
    }
    return []
  }

  /// Opens the review's current proposal, or the selected row (or plot point).
  mutating func open(state: SessionState) {
    let target: String?
    let rows = visibleRows(state)
    switch focus {
    case .review: target = reviewCurrent
    case .plots: target = selectedID ?? selectedIndex(in: rows).map { rows[$0].id }
    case .population, .log: target = selectedIndex(in: rows).map { rows[$0].id }
    }
    guard let target, let record = state.candidates[target] else { return }
    detailID = target
    detailParentIndex = 0
    detailScroll = 0
    detailColumn = 0
    detailTab = DetailTab.available(record, state: state).first ?? .code
  }

  /// Closes what is on top: the help, the detail, then the filter, then the marks.
  mutating func back() {
    if helpVisible {
      helpVisible = false
    } else if detailID != nil {
      detailID = nil
    } else if !filterText.isEmpty {
      filterText = ""
    } else if !marked.isEmpty {
      marked = []
    }
  }

  mutating func switchTab(by step: Int, state: SessionState) {
    guard let record = detailID.flatMap({ state.candidates[$0] }) else { return }
    let tabs = DetailTab.available(record, state: state)
    let index = tabs.firstIndex(of: detailTab) ?? 0
    detailTab = tabs[(index + step + tabs.count) % tabs.count]
    detailScroll = 0
    detailColumn = 0
  }

  /// Marked proposals still in the queue, or else the current one.
  func reviewTargets() -> [String] {
    let markedInQueue = reviewQueue.filter { marked.contains($0) }
    if !markedInQueue.isEmpty { return markedInQueue }
    return reviewCurrent.map { [$0] } ?? []
  }

  /// Moves the selection or scrolls the view in front by `delta` rows, never past the content's ends.
  mutating func move(by delta: Int, state: SessionState) {
    func clamped(_ value: Int, _ upper: Int) -> Int { min(max(0, value), max(0, upper)) }
    if helpVisible {
      let limit = HelpOverlay.maxScroll(contexts: viewContexts(state), width: screenWidth, height: screenHeight)
      helpScroll = clamped(helpScroll.addingReportingOverflow(delta).partialValue, limit)
      return
    }
    if detailID != nil {
      detailScroll = detailScroll.addingReportingOverflow(delta).partialValue
      clampDetail(state)
      return
    }
    switch focus {
    case .population:
      let rows = visibleRows(state)
      guard let index = selectedIndex(in: rows) else { return }
      selectedID = rows[clamped(index.addingReportingOverflow(delta).partialValue, rows.count - 1)].id
    case .plots:
      let order = ParetoPlot.walkOrder(state)
      guard !order.isEmpty else { return }
      guard let index = selectedID.flatMap({ order.firstIndex(of: $0) }) else {
        selectedID = delta >= 0 ? order.first : order.last
        return
      }
      selectedID = order[clamped(index.addingReportingOverflow(delta).partialValue, order.count - 1)]
    case .review:
      guard !reviewQueue.isEmpty else { return }
      reviewCursor = clamped(reviewCursor.addingReportingOverflow(delta).partialValue, reviewQueue.count - 1)
    case .log:
      // Down goes towards the newest text (scroll 0); up stops when the oldest line reaches the top.
      let limit = logLines.count - ScreenLayout(self, state).logContentHeight
      logScroll = clamped(logScroll.addingReportingOverflow(-delta).partialValue, limit)
    }
  }

  /// Scrolls the detail's tab or the log sideways by `delta` columns, up to where the longest line ends.
  mutating func pan(by delta: Int, state: SessionState) {
    if detailID != nil {
      let limit = ScreenLayout(self, state).detail.map { $0.contentWidth - $0.content.width } ?? 0
      detailColumn = min(max(0, detailColumn + delta), max(0, limit))
    } else if focus == .log {
      let widest = logLines.map { DisplayWidth.of($0.replacingTabs) }.max() ?? 0
      let limit = widest - ScreenLayout(self, state).logContentWidth
      logColumn = min(max(0, logColumn + delta), max(0, limit))
    }
  }

  /// Keeps the detail's scroll within its content (after a scroll, a tab switch, a new diff mode).
  mutating func clampDetail(_ state: SessionState) {
    let limit = ScreenLayout(self, state).detail.map { $0.contentRows - $0.content.height } ?? 0
    detailScroll = min(max(0, detailScroll), max(0, limit))
  }

  mutating func cycleFocus(by step: Int) {
    var panes: [Pane] = [.population, .plots, .log]
    if !reviewQueue.isEmpty { panes.append(.review) }
    let index = panes.firstIndex(of: focus) ?? 0
    focus = panes[(index + step + panes.count) % panes.count]
  }
}
