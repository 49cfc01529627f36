import Sessions

/// Everything the UI remembers besides the session: focus, selection, filter, sort, overlays, review queue.
///
/// Frames are `FrameRenderer.render(model, state, size)`; keys change the model through `handle(_:state:)`.
public struct UIModel: Sendable, Equatable {
  /// What the UI is attached to.
  public enum Mode: Sendable, Equatable {
    /// A search running in this process.
    case live
    /// A recorded session played back.
    case replay
  }

  /// The panes that take focus.
  public enum Pane: String, Sendable, CaseIterable {
    case population, plots, log, review
  }

  public enum DiffStyle: Sendable, Equatable {
    case unified, sideBySide
  }

  public var mode: Mode
  public var focus: Pane = .population
  /// The selected population row, by id so it survives sorting and new rows.
  public var selectedID: String?
  public var filterText = ""
  public var isEditingFilter = false
  /// Fittest first by default: the table opens on the answer to "which model is best?".
  public var sortColumn: PopulationColumn = .fitness
  public var sortDescending = true
  /// The candidate whose detail (deltas, curve, diff, code, prompt, reply) is open.
  public var detailID: String?
  public var detailParentIndex = 0
  public var detailTab: DetailTab = .diff
  /// Lines scrolled down and columns scrolled right in the detail's tab.
  public var detailScroll = 0
  public var detailColumn = 0
  public var diffStyle: DiffStyle = .unified
  public var helpVisible = false
  /// Lines the help is scrolled down.
  public var helpScroll = 0
  public var themeIndex = 0
  public var themeNames: [String] = ["dark"]
  public var confirmingQuit = false
  /// A pause was requested and the run has not yet stopped.
  public var pauseRequested = false
  /// Proposals waiting for review, in order, and the one the review pane shows.
  public var reviewQueue: [String] = []
  public var reviewCursor = 0
  public var marked: Set<String> = []
  /// Streamed language-model text, one entry per line.
  public var logLines: [String] = []
  /// Lines scrolled up from the bottom of the log (0 follows new text), and columns scrolled right.
  public var logScroll = 0
  public var logColumn = 0
  public var replay: ReplayStatus?
  /// The wall clock (seconds since 1970) for the elapsed time of a live run.
  public var now: Double?
  /// The built-in editor, while it is open (it takes every key).
  public var editor: TextEditorState?
  /// A one-line message for the footer (e.g. an editor error).
  public var message: String?
  /// Rows a page-down moves (the renderer's table height, set by the app).
  public var pageSize = 10
  /// The terminal's size (set by the app before each key), so scrolling stops where the frame's content ends.
  public var screenWidth = 120
  public var screenHeight = 40
  /// The most log lines kept.
  public static let logLimit = 2000

  public init(mode: Mode) {
    self.mode = mode
  }

  /// The population rows shown: filtered by `filterText` (case-insensitive substring of id, parents, status, name)
  /// and sorted by `sortColumn` (fitness ranks the eligible candidates before the others, as `best` does).
  public func visibleRows(_ state: SessionState) -> [CandidateRecord] {
    let needle = filterText.lowercased()
    var rows = state.orderedCandidates
    if !needle.isEmpty {
      rows = rows.filter { record in
        let haystack = ([record.id, record.status.rawValue, record.name ?? "", "r\(record.round)"] + record.parents)
          .joined(separator: " ").lowercased()
        return haystack.contains(needle)
      }
    }
    guard sortColumn != .order || sortDescending else { return rows }
    var position: [String: Int] = [:]
    for (index, id) in state.order.enumerated() { position[id] = index }
    let column = sortColumn, descending = sortDescending
    let eligible = Set(state.orderedCandidates.filter(state.isEligible).map(\.id))
    rows.sort { column.precedes($0, $1, descending: descending, position: position, eligible: eligible) }
    return rows
  }

  /// The index of the selected row among `rows` (the first row when nothing valid is selected).
  public func selectedIndex(in rows: [CandidateRecord]) -> Int? {
    guard !rows.isEmpty else { return nil }
    if let selectedID, let index = rows.firstIndex(where: { $0.id == selectedID }) { return index }
    return 0
  }

  /// The proposal the review pane shows.
  public var reviewCurrent: String? {
    reviewQueue.isEmpty ? nil : reviewQueue[min(max(0, reviewCursor), reviewQueue.count - 1)]
  }

  /// Whether quitting needs confirmation: a live run that has not finished.
  public func isLive(_ state: SessionState) -> Bool { mode == .live && !state.finished }

  /// Starts reviewing `ids` (the app calls this when the search asks for review).
  public mutating func beginReview(_ ids: [String]) {
    reviewQueue = ids
    reviewCursor = 0
    marked = []
    if !ids.isEmpty { focus = .review }
  }

  /// Drops decided proposals from the queue (after accept, reject or a finished edit).
  public mutating func resolveReview(_ ids: [String]) {
    let decided = Set(ids)
    reviewQueue.removeAll { decided.contains($0) }
    marked.subtract(decided)
    reviewCursor = min(reviewCursor, max(0, reviewQueue.count - 1))
    if reviewQueue.isEmpty, focus == .review { focus = .population }
  }

  /// Appends streamed text to the log, splitting lines and keeping the last `logLimit`.
  public mutating func appendLog(_ text: String) {
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, part) in parts.enumerated() {
      if index == 0, !logLines.isEmpty {
        logLines[logLines.count - 1] += part
      } else {
        logLines.append(String(part))
      }
    }
    if logLines.count > Self.logLimit { logLines.removeFirst(logLines.count - Self.logLimit) }
  }

  /// Starts a new log line with a heading (a new prompt's stream).
  public mutating func appendLogHeading(_ heading: String) {
    if let last = logLines.last, last.isEmpty { logLines.removeLast() }
    logLines.append(heading)
    logLines.append("")
  }

  public var themeName: String { themeNames.isEmpty ? "" : themeNames[themeIndex % themeNames.count] }
}

/// The tabs of a candidate's detail view.
public enum DetailTab: String, Sendable, CaseIterable {
  case diff, code, prompt, reply

  /// The tabs `record` has: a diff needs a parent, a prompt and a reply need a language-model proposal.
  public static func available(_ record: CandidateRecord, state: SessionState) -> [DetailTab] {
    var tabs: [DetailTab] = []
    if record.parents.contains(where: { state.candidates[$0] != nil }) { tabs.append(.diff) }
    tabs.append(.code)
    if state.prompt(of: record) != nil { tabs.append(.prompt) }
    if record.rawText != nil { tabs.append(.reply) }
    return tabs
  }
}
