import Foundation
import Sessions

/// The terminal UI application: owns the UI model, draws frames of the latest session state, dispatches keys,
/// and turns the researcher's review decisions into answers for the search.
///
/// Threading: `run(on:)` is the UI loop and owns the terminal (ncurses is not thread-safe); every other public
/// method may be called from any thread or task and only posts to the loop's inbox.
public final class TerminalApp: @unchecked Sendable {
  /// What the app asks of its host (the live run or the replay command).
  public struct Callbacks: Sendable {
    /// `p` in a live run: ask the search to pause at its next safe point.
    public var pause: @Sendable () -> Void
    /// The UI closed (q, Ctrl-C, or `stop()`); called once from the UI loop's thread.
    public var quit: @Sendable () -> Void
    /// `E` on a population row produced a changed program: record it as a new hand-edited candidate of `base`.
    public var handEdit: @Sendable (_ base: String, _ code: String) -> Void
    /// Decisions as the researcher makes them (accept, reject, finished edit), for hosts that answer the search
    /// through their own review queue (`showReview`) rather than through `review(_:state:)`.
    public var reviewDecided: @Sendable ([ReviewDecided]) -> Void

    public init(
      pause: @escaping @Sendable () -> Void = {}, quit: @escaping @Sendable () -> Void = {},
      handEdit: @escaping @Sendable (_ base: String, _ code: String) -> Void = { _, _ in },
      reviewDecided: @escaping @Sendable ([ReviewDecided]) -> Void = { _ in }
    ) {
      self.pause = pause
      self.quit = quit
      self.handEdit = handEdit
      self.reviewDecided = reviewDecided
    }
  }

  private struct ReviewRequest {
    var ids: [String]
    var continuation: CheckedContinuation<ReviewAnswers, Never>
    var decisions: [ReviewDecided] = []
  }

  private struct Inbox {
    var state: SessionState?
    var streamed: [(round: Int, prompt: Int, text: String)] = []
    var reviews: [ReviewRequest] = []
    /// The latest pending list posted through `showReview`.
    var shownReview: [String]?
    var stopRequested = false
  }

  private let lock = NSLock()
  private var inbox = Inbox()
  // Owned by the UI loop's thread.
  private var model: UIModel
  private var state: SessionState
  private var replay: ReplayPlayer?
  private var activeReview: ReviewRequest?
  private var lastStream: (round: Int, prompt: Int)?
  private let themes: [Theme]
  private let glyphs: PlotGlyphs
  private let callbacks: Callbacks
  /// The external editor, or nil for the built-in one.
  private let editorCommand: [String]?

  /// A UI for a live run starting from `state` (e.g. a resumed session's state, or an empty one).
  public init(
    liveState state: SessionState, themes: [Theme] = BuiltinThemes.all, glyphs: PlotGlyphs = .braille,
    callbacks: Callbacks = Callbacks(), editorCommand: [String]? = ExternalEditor.command()
  ) {
    self.state = state
    model = UIModel(mode: .live)
    self.themes = themes.isEmpty ? BuiltinThemes.all : themes
    self.glyphs = glyphs
    self.callbacks = callbacks
    self.editorCommand = editorCommand
    model.themeNames = self.themes.map(\.name)
  }

  /// A UI replaying `player`'s recording.
  public init(
    replay player: ReplayPlayer, themes: [Theme] = BuiltinThemes.all, glyphs: PlotGlyphs = .braille,
    callbacks: Callbacks = Callbacks()
  ) {
    replay = player
    state = player.state
    model = UIModel(mode: .replay)
    self.themes = themes.isEmpty ? BuiltinThemes.all : themes
    self.glyphs = glyphs
    self.callbacks = callbacks
    editorCommand = nil
    model.themeNames = self.themes.map(\.name)
    model.logLines = player.replyLog()
    model.replay = player.status
  }

  // MARK: Inputs from any thread

  /// A recorded event and the state after it (what `SearchRun`'s observer receives).
  public func receive(_ event: LoggedEvent, state: SessionState) {
    lock.withLock { inbox.state = state }
  }

  /// Streamed text of prompt `prompt` (0-based) in `round`.
  public func receiveStream(round: Int, prompt: Int, text: String) {
    lock.withLock { inbox.streamed.append((round, prompt, text)) }
  }

  /// Shows `pending` in the review pane and returns once the researcher decided on each (the `ReviewGate` call).
  ///
  /// If the UI closes first, the proposals not decided on come back as `undecided`.
  public func review(_ pending: [CandidateRecord], state: SessionState) async -> ReviewAnswers {
    let ids = pending.map(\.id)
    guard !ids.isEmpty else { return ReviewAnswers(decided: []) }
    return await withCheckedContinuation { continuation in
      let closed = lock.withLock { () -> Bool in
        if inbox.stopRequested { return true }
        inbox.state = state
        inbox.reviews.append(ReviewRequest(ids: ids, continuation: continuation))
        return false
      }
      if closed { continuation.resume(returning: ReviewAnswers(decided: [], undecided: ids)) }
    }
  }

  /// Shows `pending` as the review queue without waiting (for a host whose own gate waits, e.g. an observer of
  /// `InteractiveReviewQueue`); decisions arrive through `Callbacks.reviewDecided`. Posting the queue again with
  /// the decided proposals gone keeps the cursor and marks; an empty list closes the review pane.
  public func showReview(_ pending: [CandidateRecord], state: SessionState?) {
    lock.withLock {
      if let state { inbox.state = state }
      inbox.shownReview = pending.map(\.id)
    }
  }

  /// Asks the UI loop to end (e.g. when the search finished and the host wants to exit).
  public func stop() {
    lock.withLock { inbox.stopRequested = true }
  }

  // MARK: The loop

  /// Runs the UI on the calling thread until the researcher quits or `stop()` is called; shuts the terminal down.
  public func run(on terminal: TerminalBackend, frameInterval: Double = 0.05) {
    var lastFrame: CellBuffer?
    var lastTheme = ""
    var lastSize = (width: -1, height: -1)
    var lastSecond = -1
    var lastTick = Date().timeIntervalSince1970
    var changed = true
    var quitting = false
    while !quitting {
      let (stop, received) = drainInbox()
      if stop { break }
      changed = changed || received
      let now = Date().timeIntervalSince1970
      if var player = replay {
        let applied = player.advance(wallSeconds: now - lastTick)
        for event in applied { ReplayPlayer.appendReply(event, to: &model) }
        changed = changed || !applied.isEmpty || player.status != model.replay
        state = player.state
        model.replay = player.status
        replay = player
      }
      lastTick = now
      model.now = now
      let size = terminal.size
      // Frames are only rebuilt when something changed: new events, a key, a resize, or the clock's second.
      if changed || Int(now) != lastSecond || size != lastSize {
        model.pageSize = max(1, size.height / 2)
        let frame = FrameRenderer.render(model, state, width: size.width, height: size.height, glyphs: glyphs)
        let theme = themes[model.themeIndex % themes.count]
        if frame != lastFrame || theme.name != lastTheme {
          terminal.draw(frame, theme: theme)
          lastFrame = frame
          lastTheme = theme.name
        }
        lastSecond = Int(now)
        lastSize = size
        changed = false
      }
      guard let key = terminal.readKey(timeoutMilliseconds: Int(frameInterval * 1000)) else { continue }
      changed = true
      if key == .resize { lastFrame = nil }
      let current = terminal.size
      (model.screenWidth, model.screenHeight) = (current.width, current.height)
      for action in model.handle(key, state: state) where perform(action, terminal: terminal) {
        quitting = true
      }
      finishReviewIfDecided()
    }
    terminal.shutdown()
    closeReviews()
    callbacks.quit()
  }

  /// Runs the UI on a thread of its own (curses stays on that one thread); returns when the UI closed.
  public func runOnThread(_ makeTerminal: @escaping @Sendable () throws -> TerminalBackend) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      let thread = Thread { [self] in
        do {
          let terminal = try makeTerminal()
          run(on: terminal)
          continuation.resume()
        } catch {
          closeReviews()
          continuation.resume(throwing: error)
        }
      }
      thread.name = "evoprompting-ui"
      thread.start()
    }
  }

  /// Applies what other threads posted; returns whether the loop should stop and whether anything arrived.
  private func drainInbox() -> (stop: Bool, received: Bool) {
    let taken = lock.withLock { () -> Inbox in
      let copy = inbox
      inbox.state = nil
      inbox.streamed = []
      inbox.shownReview = nil
      if activeReview == nil, !inbox.reviews.isEmpty { inbox.reviews.removeFirst() }
      return copy
    }
    if let newState = taken.state, replay == nil { state = newState }
    for chunk in taken.streamed {
      if lastStream.map({ $0 != (chunk.round, chunk.prompt) }) ?? true {
        model.appendLogHeading("── round \(chunk.round) · prompt \(chunk.prompt + 1)")
        lastStream = (chunk.round, chunk.prompt)
      }
      model.appendLog(chunk.text)
    }
    if let ids = taken.shownReview {
      let current = Set(model.reviewQueue)
      if Set(ids).isSubset(of: current), !current.isEmpty {
        model.resolveReview(model.reviewQueue.filter { !ids.contains($0) })
      } else {
        model.beginReview(ids)
      }
    }
    if activeReview == nil, let request = taken.reviews.first {
      activeReview = request
      model.beginReview(request.ids)
    }
    let received = taken.state != nil || !taken.streamed.isEmpty || !taken.reviews.isEmpty || taken.shownReview != nil
    return (taken.stopRequested, received)
  }

  /// Carries out one action; returns whether the UI should close.
  private func perform(_ action: UIAction, terminal: TerminalBackend) -> Bool {
    switch action {
    case .quit:
      return true
    case .suspend:
      terminal.suspendToShell()
    case .pause:
      callbacks.pause()
    case .accept(let ids):
      report(ids.map { ReviewDecided(id: $0, decision: .accepted) })
    case .reject(let ids):
      report(ids.map { ReviewDecided(id: $0, decision: .rejected) })
    case .edit(let id):
      startEdit(id, purpose: .review, terminal: terminal)
    case .handEdit(let id):
      startEdit(id, purpose: .handEdit, terminal: terminal)
    case .editorSaved(let id, let code, let purpose):
      if code == state.candidates[id]?.code {
        model.message = "\(id) unchanged"
      } else {
        finishEdit(id, code: code, purpose: purpose)
      }
    case .replay(let control):
      guard var player = replay else { return false }
      let before = player.position
      player.control(control)
      if player.position < before {
        model.logLines = player.replyLog()
      } else {
        for event in player.events[before..<player.position] { ReplayPlayer.appendReply(event, to: &model) }
      }
      state = player.state
      model.replay = player.status
      replay = player
    }
    return false
  }

  /// Opens candidate `id`'s code for an edit: in the built-in editor, or in `$EDITOR` (whose saved text is
  /// applied at once). An unknown id does nothing.
  private func startEdit(_ id: String, purpose: TextEditorState.Purpose, terminal: TerminalBackend) {
    guard let record = state.candidates[id] else { return }
    if editorCommand == nil {
      model.editor = TextEditorState(candidateID: id, purpose: purpose, text: record.code)
    } else if let code = editInEditor(record, terminal: terminal) {
      finishEdit(id, code: code, purpose: purpose)
    }
  }

  /// Sends a changed program where it belongs: a review decision, or a new hand-edited candidate.
  private func finishEdit(_ id: String, code: String, purpose: TextEditorState.Purpose) {
    switch purpose {
    case .review:
      report([ReviewDecided(id: id, decision: .edited, code: code)])
      model.resolveReview([id])
    case .handEdit:
      callbacks.handEdit(id, code)
      model.message = "hand edit of \(id) sent to the search"
    }
  }

  /// Passes decisions to the waiting `review` call (if any) and to the host's callback.
  private func report(_ decisions: [ReviewDecided]) {
    activeReview?.decisions += decisions
    callbacks.reviewDecided(decisions)
  }

  /// The edited program, or nil (with a message) when unchanged or the editor failed.
  private func editInEditor(_ record: CandidateRecord, terminal: TerminalBackend) -> String? {
    guard let editorCommand else { return nil }
    terminal.suspend()
    defer { terminal.resume() }
    do {
      let edited = try ExternalEditor.edit(record.code, name: "\(record.id).py", command: editorCommand)
      if edited == record.code {
        model.message = "\(record.id) unchanged"
        return nil
      }
      return edited
    } catch {
      model.message = "\(error)"
      return nil
    }
  }

  private func finishReviewIfDecided() {
    guard let request = activeReview, model.reviewQueue.isEmpty else { return }
    activeReview = nil
    request.continuation.resume(returning: ReviewAnswers(decided: request.decisions))
  }

  /// Answers every review still waiting: what was not decided comes back undecided.
  private func closeReviews() {
    let waiting = lock.withLock { () -> [ReviewRequest] in
      inbox.stopRequested = true
      let requests = inbox.reviews
      inbox.reviews = []
      return requests
    }
    for request in (activeReview.map { [$0] } ?? []) + waiting {
      let decided = Set(request.decisions.map(\.id))
      request.continuation.resume(
        returning: ReviewAnswers(decided: request.decisions, undecided: request.ids.filter { !decided.contains($0) }))
    }
    activeReview = nil
  }

  /// The current frame, for tests and snapshots.
  public func renderFrame(width: Int, height: Int) -> CellBuffer {
    FrameRenderer.render(model, state, width: width, height: height, glyphs: glyphs)
  }
}
