import Sessions

/// What changed between a candidate and each parent: validation accuracy, parameters and fitness, each as the
/// parent's value, the difference, and ✓ (better) or ✗ (worse), so the verdict reads without colour too.
enum ParentDeltas {
  /// One cell: the parent's value, the difference, and whether the child did better.
  struct Cell {
    var base: String
    var delta: String
    var better: Bool?

    static let missing = Cell(base: "—", delta: "", better: nil)

    var width: Int { DisplayWidth.of(base) + (delta.isEmpty ? 0 : 3 + DisplayWidth.of(delta) + 2) }
  }

  /// The accuracy, params and fitness cells of `child` against `parent`.
  static func cells(_ child: CandidateRecord, _ parent: CandidateRecord) -> [Cell] {
    var cells: [Cell] = []
    if let a = child.validationAccuracy, let b = parent.validationAccuracy {
      cells.append(Cell(base: Metrics.percent(b), delta: Metrics.points(a - b), better: a == b ? nil : a > b))
    } else {
      cells.append(Cell(base: Metrics.percent(parent.validationAccuracy), delta: "", better: nil))
    }
    if let a = child.params, let b = parent.params {
      cells.append(
        Cell(
          base: SessionReport.compact(b), delta: Metrics.params(a - b, relativeTo: b), better: a == b ? nil : a < b))
    } else {
      cells.append(Cell(base: parent.params.map(SessionReport.compact) ?? "—", delta: "", better: nil))
    }
    if let a = child.fitness, let b = parent.fitness {
      cells.append(Cell(base: Metrics.fitness(b), delta: Metrics.fitnessDelta(a - b), better: a == b ? nil : a > b))
    } else {
      cells.append(Cell(base: parent.fitness.map(Metrics.fitness) ?? "—", delta: "", better: nil))
    }
    return cells
  }

  static func draw(
    _ child: CandidateRecord, parents: [CandidateRecord], current: Int, state: SessionState,
    into buffer: inout CellBuffer, rect: Rect
  ) {
    guard rect.height >= 2, !parents.isEmpty else { return }
    let shown = Array(parents.prefix(rect.height - 1))
    let rows = shown.map { cells(child, $0) }
    let idWidth = max(9, shown.map { DisplayWidth.of($0.id) }.max() ?? 0) + 2
    let titles = ["val acc", "params", "fitness"]
    let widths = (0..<3).map { column in max(DisplayWidth.of(titles[column]), rows.map { $0[column].width }.max() ?? 0)
    }
    var x = buffer.put(DisplayWidth.pad("vs parent", to: idWidth), x: rect.x, y: rect.y, role: .muted, clip: rect)
    for (column, title) in titles.enumerated() {
      x = buffer.put(DisplayWidth.pad(title, to: widths[column] + 3), x: x, y: rect.y, role: .muted, clip: rect)
    }
    if child.fitness == nil {
      buffer.put("(\(child.id) has no metrics: \(child.status.rawValue))", x: x, y: rect.y, role: .muted, clip: rect)
    }
    for (index, parent) in shown.enumerated() {
      let y = rect.y + 1 + index
      let marker = index == current ? "▸ " : "  "
      x = buffer.put(DisplayWidth.pad(marker + parent.id, to: idWidth), x: rect.x, y: y, role: .normal, clip: rect)
      for (column, cell) in rows[index].enumerated() {
        var end = buffer.put(cell.base, x: x, y: y, role: .muted, clip: rect)
        if !cell.delta.isEmpty {
          let role: StyleRole = cell.better.map { $0 ? .good : .bad } ?? .muted
          end = buffer.put(" → ", x: end, y: y, role: .muted, clip: rect)
          end = buffer.put(
            cell.delta + " " + (cell.better.map { $0 ? "✓" : "✗" } ?? "="), x: end, y: y, role: role, clip: rect)
        }
        x += widths[column] + 3
      }
    }
  }
}
