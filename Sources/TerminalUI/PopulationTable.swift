import Foundation
import Sessions

/// The population as a table: id, round, parents, status, params, validation accuracy, fitness and test accuracy.
/// The best model is starred; evaluated candidates that are not eligible (validation error ≥ α) are dimmed and
/// their fitness is in parentheses, since it does not count.
public enum PopulationTable {
  /// A fixed-width column: its header and the width it takes.
  struct Column {
    var column: PopulationColumn
    var title: String
    var width: Int
    var rightAligned: Bool
  }

  static func columns(width: Int, metric: TaskMetric = .of(task: nil)) -> [Column] {
    var columns = [
      Column(column: .id, title: "id", width: 7, rightAligned: false),
      Column(column: .round, title: "rnd", width: 3, rightAligned: true),
      Column(column: .parents, title: "parents", width: 11, rightAligned: false),
      Column(column: .status, title: "status", width: 11, rightAligned: false),
      Column(column: .params, title: "params", width: 6, rightAligned: true),
      Column(column: .validation, title: metric.validationTitle, width: 11, rightAligned: true),
      Column(column: .fitness, title: "fitness", width: 8, rightAligned: true),
      Column(column: .test, title: "test", width: 6, rightAligned: true),
    ]
    // Narrow panes give up columns from the least telling: test accuracy, the status's word (its glyph stays),
    // parents, round, params, fitness, the status glyph; validation accuracy goes last.
    var total: Int { columns.reduce(0) { $0 + $1.width + 1 } + 1 }
    if total > width, let index = columns.firstIndex(where: { $0.column == .test }) { columns.remove(at: index) }
    if total > width, let index = columns.firstIndex(where: { $0.column == .status }) {
      columns[index].width = 2
      columns[index].title = "st"
    }
    for dropped in [PopulationColumn.parents, .round, .params, .fitness, .status] where total > width {
      columns.removeAll { $0.column == dropped }
    }
    if total > width, let index = columns.firstIndex(where: { $0.column == .validation }) {
      columns[index].width = max(5, columns[index].width - (total - width))
    }
    // Wide panes give parents the room.
    if let index = columns.firstIndex(where: { $0.column == .parents }), total < width {
      columns[index].width += min(width - total, 14)
    }
    return columns
  }

  /// A glyph for the status.
  static func statusGlyph(_ status: CandidateStatus) -> (String, StyleRole) {
    switch status {
    case .proposed: ("…", .muted)
    case .validated: ("?", .warning)
    case .accepted: ("◦", .accent)
    case .training: ("⟳", .accent)
    case .evaluated: ("✓", .good)
    case .rejected: ("✗", .bad)
    case .duplicate: ("=", .muted)
    case .failed: ("!", .bad)
    }
  }

  /// A progress bar of `width` cells and the percentage, e.g. `▓▓▓░░ 61%`.
  public static func progressBar(_ fraction: Double, width: Int) -> String {
    let clamped = min(max(fraction, 0), 1)
    let barWidth = max(1, width - 5)
    let filled = Int((clamped * Double(barWidth)).rounded())
    let label = String(format: "%3.0f%%", clamped * 100)
    return String(repeating: "▓", count: filled) + String(repeating: "░", count: barWidth - filled) + " " + label
  }

  /// Draws the header and the rows from `top` in `rect`; the selected row uses the selection role.
  public static func draw(
    _ rows: [CandidateRecord], selected: Int?, top: Int, sort: PopulationColumn, descending: Bool, marked: Set<String>,
    best: String?, eligible: Set<String>, metric: TaskMetric = .of(task: nil), into buffer: inout CellBuffer,
    rect: Rect
  ) {
    guard rect.height >= 1, rect.width >= 10 else { return }
    let columns = columns(width: rect.width, metric: metric)
    var x = rect.x + 1
    for column in columns {
      var title = column.title
      if column.column == sort { title += descending ? "▼" : "▲" }
      buffer.put(
        DisplayWidth.pad(title, to: column.width, right: column.rightAligned), x: x, y: rect.y,
        role: column.column == sort ? .accent : .muted, clip: rect)
      x += column.width + 1
    }
    for line in 0..<(rect.height - 1) {
      let index = top + line
      guard index < rows.count else { break }
      let record = rows[index]
      let y = rect.y + 1 + line
      let dimmed = record.status == .evaluated && !eligible.contains(record.id)
      let rowRole: StyleRole = index == selected ? .selection : dimmed ? .muted : .normal
      buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: rowRole)
      buffer.put(
        marked.contains(record.id) ? "*" : " ", x: rect.x, y: y, role: index == selected ? .selection : .accent,
        clip: rect)
      x = rect.x + 1
      for column in columns {
        var role = rowRole
        let text: String
        switch column.column {
        case .id:
          text = record.id + (record.id == best ? "★" : "") + (record.edited ? "✎" : "")
        case .round: text = "\(record.round)"
        case .parents: text = record.origin == .seed ? (record.name ?? "seed") : record.parents.joined(separator: " ")
        case .status:
          let (glyph, glyphRole) = statusGlyph(record.status)
          if index != selected { role = glyphRole }
          text = column.width > 2 ? "\(glyph) \(record.status.rawValue)" : glyph
        case .params: text = record.params.map(SessionReport.compact) ?? "—"
        case .validation:
          if let fraction = record.trainingFraction {
            text = progressBar(fraction, width: column.width)
            if index != selected { role = .accent }
          } else {
            text = Metrics.percent(record.validationAccuracy)
          }
        case .fitness:
          let fitness = record.fitness.map(Metrics.fitness) ?? "—"
          text = dimmed && record.fitness != nil ? "(\(fitness))" : fitness
        case .test: text = Metrics.percent(record.testAccuracy)
        case .order: text = ""
        }
        buffer.put(
          DisplayWidth.pad(text, to: column.width, right: column.rightAligned), x: x, y: y, role: role, clip: rect)
        x += column.width + 1
      }
    }
  }

  /// The first visible row that keeps `selected` on screen in `height` rows (stateless scrolling).
  public static func top(selected: Int?, count: Int, height: Int) -> Int {
    guard let selected, height > 0 else { return 0 }
    return min(selected, max(0, min(selected - height + 1 + height / 3, count - height)))
  }
}
