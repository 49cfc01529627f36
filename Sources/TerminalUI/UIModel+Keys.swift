import Sessions

extension UIModel {
  /// The pure key handler: the new model and the actions for the app to carry out.
  public static func reduce(_ model: UIModel, _ key: KeyEvent, _ state: SessionState) -> (UIModel, [UIAction]) {
    var copy = model
    let actions = copy.handle(key, state: state)
    return (copy, actions)
  }

  /// The contexts whose bindings apply now, most specific first.
  public func activeContexts(_ state: SessionState) -> [KeyContext] {
    var contexts: [KeyContext] = []
    if detailID != nil { contexts.append(.detail) }
    if !reviewQueue.isEmpty { contexts.append(.review) }
    if mode == .replay { contexts.append(.replay) }
    return contexts
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
    if helpVisible {
      if key == .character("?") || key == .escape || key == .character("q") || key == .enter { helpVisible = false }
      return []
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
    case .filter:
      isEditingFilter = true
      focus = .population
    case .down: move(by: 1, state: state)
    case .up: move(by: -1, state: state)
    case .pageDown: move(by: max(1, pageSize - 1), state: state)
    case .pageUp: move(by: -max(1, pageSize - 1), state: state)
    case .top: move(by: Int.min / 2, state: state)
    case .bottom: move(by: Int.max / 2, state: state)
    case .nextPane: cycleFocus(by: 1)
    case .previousPane: cycleFocus(by: -1)
    case .open:
      let target: String?
      switch focus {
      case .review: target = reviewCurrent
      default:
        let rows = visibleRows(state)
        target = selectedIndex(in: rows).map { rows[$0].id }
      }
      if let target {
        detailID = target
        detailParentIndex = 0
        detailScroll = 0
      }
    case .back:
      if detailID != nil {
        detailID = nil
      } else if !filterText.isEmpty {
        filterText = ""
      } else if !marked.isEmpty {
        marked = []
      }
    case .pause:
      if mode == .replay { return [.replay(.togglePause)] }
      guard isLive(state), !pauseRequested else { return [] }
      pauseRequested = true
      return [.pause]
    case .theme:
      themeIndex = themeNames.isEmpty ? 0 : (themeIndex + 1) % themeNames.count
    case .sortNext:
      sortColumn = sortColumn.next
      sortDescending = sortColumn == .validation || sortColumn == .test
    case .sortReverse:
      sortDescending.toggle()
    case .diffMode:
      diffStyle = diffStyle == .unified ? .sideBySide : .unified
    case .nextParent:
      let count = detailID.flatMap { state.candidates[$0] }?.parents.count ?? 0
      detailParentIndex = count == 0 ? 0 : (detailParentIndex + 1) % count
      detailScroll = 0
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

  /// Marked proposals still in the queue, or else the current one.
  func reviewTargets() -> [String] {
    let markedInQueue = reviewQueue.filter { marked.contains($0) }
    if !markedInQueue.isEmpty { return markedInQueue }
    return reviewCurrent.map { [$0] } ?? []
  }

  mutating func move(by delta: Int, state: SessionState) {
    if detailID != nil {
      detailScroll = max(0, detailScroll.addingReportingOverflow(delta).partialValue)
      return
    }
    switch focus {
    case .population, .plots:
      let rows = visibleRows(state)
      guard let index = selectedIndex(in: rows) else { return }
      let target = min(max(0, index.addingReportingOverflow(delta).partialValue), rows.count - 1)
      selectedID = rows[target].id
    case .review:
      guard !reviewQueue.isEmpty else { return }
      reviewCursor = min(max(0, reviewCursor.addingReportingOverflow(delta).partialValue), reviewQueue.count - 1)
    case .log:
      // Down goes towards the newest text (scroll 0).
      logScroll = min(max(0, logScroll.addingReportingOverflow(-delta).partialValue), max(0, logLines.count - 1))
    }
  }

  mutating func cycleFocus(by step: Int) {
    var panes: [Pane] = [.population, .plots, .log]
    if !reviewQueue.isEmpty { panes.append(.review) }
    let index = panes.firstIndex(of: focus) ?? 0
    focus = panes[(index + step + panes.count) % panes.count]
  }
}
