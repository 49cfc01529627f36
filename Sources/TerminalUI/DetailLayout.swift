import Sessions

/// The parts of a candidate's detail view and where they go: a header that wraps, why it was dropped, the deltas
/// against its parents, its training curve, the tab bar, and the tab's scrollable content.
struct DetailLayout: Sendable {
  /// The first row (the header's).
  var top: Int
  var headerLines: [String]
  var problemLines: [String]
  var deltas: Rect?
  var curve: Rect?
  /// Whether the curve has room for plots (else two sparkline rows).
  var curvePlotted: Bool
  var tabs: Rect
  var content: Rect
  var tab: DetailTab
  /// Lines the tab's content has, the widest line's columns, and the columns a line shows.
  var contentRows: Int
  var contentWidth: Int
  var textWidth: Int

  /// Columns the content can scroll right.
  var panLimit: Int { max(0, contentWidth - textWidth) }

  init(_ record: CandidateRecord, state: SessionState, model: UIModel, rect: Rect) {
    let width = max(1, rect.width)
    top = rect.y
    headerLines = Self.wrap(CandidateDetail.summaryParts(record, state: state), width: width)
    problemLines = CandidateDetail.problem(record).map { Self.wrap([$0], width: width).prefix(2).map { $0 } } ?? []
    let tabs = DetailTab.available(record, state: state)
    tab = tabs.contains(model.detailTab) ? model.detailTab : tabs[0]
    let parentCount = record.parents.filter { state.candidates[$0] != nil }.count
    let hasCurve = !record.curve.isEmpty
    // Rows for the content first: the deltas and the curve shrink, then go, on short screens.
    let free = rect.height - headerLines.count - problemLines.count - 1
    var deltaRows = parentCount > 0 ? 1 + min(parentCount, 3) : 0
    var curveRows = hasCurve ? (rect.height >= 30 && width >= 70 ? 8 : 2) : 0
    let minimumContent = 4
    if free - deltaRows - curveRows < minimumContent, curveRows > 2 { curveRows = 2 }
    if free - deltaRows - curveRows < minimumContent { curveRows = 0 }
    if free - deltaRows - curveRows < minimumContent { deltaRows = 0 }
    curvePlotted = curveRows > 2
    var y = rect.y + headerLines.count + problemLines.count
    deltas = deltaRows > 0 ? Rect(x: rect.x, y: y, width: width, height: deltaRows) : nil
    y += deltaRows
    curve = curveRows > 0 ? Rect(x: rect.x, y: y, width: width, height: curveRows) : nil
    y += curveRows
    self.tabs = Rect(x: rect.x, y: y, width: width, height: 1)
    content = Rect(x: rect.x, y: y + 1, width: width, height: max(0, rect.maxY - y - 1))
    let lines = CandidateDetail.tabLines(tab, record, state: state, parentIndex: model.detailParentIndex)
    let gutter = CandidateDetail.gutterWidth(tab, lines: lines, style: model.diffStyle)
    switch (tab, model.diffStyle) {
    case (.diff, .sideBySide):
      contentRows = LineDiff.sideBySide(lines.diff).count
      textWidth = max(1, (width - 1) / 2 - gutter)
    case (.diff, .unified):
      contentRows = lines.diff.count
      textWidth = max(1, width - gutter)
    default:
      contentRows = lines.text.count
      textWidth = max(1, width - gutter)
    }
    let texts = tab == .diff ? lines.diff.map(\.text) : lines.text
    contentWidth = texts.map { DisplayWidth.of($0.replacingTabs) }.max() ?? 0
  }

  /// `parts` joined with ` · `, broken into lines of at most `width` columns (a part longer than a line is cut).
  static func wrap(_ parts: [String], width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for part in parts {
      let fitted = DisplayWidth.truncate(part, to: width)
      if line.isEmpty {
        line = fitted
      } else if DisplayWidth.of(line) + 3 + DisplayWidth.of(fitted) <= width {
        line += " · " + fitted
      } else {
        lines.append(line)
        line = fitted
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
