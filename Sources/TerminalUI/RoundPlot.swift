import Foundation

/// "Did the search improve?": each round's evaluated candidates as dots, the best validation accuracy so far as
/// a step line with its latest value at the right edge, the best model as ★ and the selected candidate as ◉,
/// and under every round its number and its valid / proposed count. Glyphs differ, so it reads without colour.
public enum RoundPlot {
  public static func draw(
    _ history: RoundHistory, selected: String?, into buffer: inout CellBuffer, rect: Rect, glyphs: PlotGlyphs
  ) {
    guard rect.width >= 16, rect.height >= 3, !history.rounds.isEmpty else { return }
    drawLegend(into: &buffer, rect: rect.row(0), glyphs: glyphs)
    let labelRows = rect.height >= 6 ? 2 : 1
    let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1 - labelRows)
    guard !history.isEmpty else {
      buffer.put("no evaluated candidates yet", x: body.x, y: body.y, role: .muted, clip: body)
      return
    }
    let values = history.rounds.flatMap { $0.points.map(\.accuracy) + ($0.bestSoFar.map { [$0] } ?? []) }
    var low = values.min()!, high = values.max()!
    if high - low < 0.02 {
      low = max(0, low - 0.01)
      high = min(1, high + 0.01)
      if high - low < 0.02 { high = low + 0.02 }
    }
    let axisWidth = 4
    let plot = Rect(x: body.x + axisWidth + 1, y: body.y, width: body.width - 2 * (axisWidth + 1), height: body.height)
    guard plot.width >= history.rounds.count, plot.height >= 1 else { return }
    buffer.put(percent(high), x: body.x, y: plot.y, role: .muted, clip: body)
    if plot.height > 1 { buffer.put(percent(low), x: body.x, y: plot.maxY - 1, role: .muted, clip: body) }
    let count = history.rounds.count
    func band(_ index: Int) -> Range<Int> {
      (plot.x + index * plot.width / count)..<(plot.x + (index + 1) * plot.width / count)
    }
    func row(_ value: Float) -> Int { plot.y + Int(((high - value) / (high - low) * Float(plot.height - 1)).rounded()) }
    drawStepLine(history, band: band, row: row, into: &buffer, plot: plot)
    // Dots at the canvas's finer resolution, spread across their round's band.
    var canvas = DotCanvas(columns: plot.width, rows: plot.height, glyphs: glyphs)
    var cells: [String: (x: Int, y: Int)] = [:]
    let (perColumn, perRow) = glyphs.dotsPerCell
    for (index, round) in history.rounds.enumerated() {
      let columns = band(index)
      let dots = columns.count * perColumn
      for (position, point) in round.points.enumerated() {
        let x = (columns.lowerBound - plot.x) * perColumn + (position + 1) * dots / (round.points.count + 1)
        let y = Int(((high - point.accuracy) / (high - low) * Float(canvas.dotHeight - 1)).rounded())
        canvas.set(x: x, y: y, role: point.eligible ? .plotMedian : .muted)
        cells[point.id] = (plot.x + x / perColumn, plot.y + y / perRow)
      }
    }
    canvas.draw(into: &buffer, x: plot.x, y: plot.y)
    if let best = history.bestID, let cell = cells[best] {
      buffer.put("★", x: cell.x, y: cell.y, role: best == selected ? .selection : .good)
    }
    if let selected, selected != history.bestID, let cell = cells[selected] {
      buffer.put("◉", x: cell.x, y: cell.y, role: .selection)
    }
    if let latest = history.rounds.last?.bestSoFar {
      buffer.put(percent(latest), x: plot.maxX + 1, y: row(latest), role: .plotBest, clip: body)
    }
    drawRoundLabels(
      history, band: band, rows: labelRows, into: &buffer,
      area: Rect(x: plot.x, y: body.maxY, width: plot.width, height: labelRows))
  }

  static func drawLegend(into buffer: inout CellBuffer, rect: Rect, glyphs: PlotGlyphs) {
    let dot = glyphs == .braille ? "⠂" : "▀"
    var x = rect.x
    for (glyph, role, label) in [
      (dot, StyleRole.plotMedian, " candidate  "), ("─", .plotBest, " best so far  "), ("★", .good, " best model  "),
      ("◉", .selection, " selected"),
    ] {
      guard x + DisplayWidth.of(glyph + label) <= rect.maxX + 2 else { break }
      x = buffer.put(glyph, x: x, y: rect.y, role: role, clip: rect)
      x = buffer.put(label, x: x, y: rect.y, role: .muted, clip: rect)
    }
  }

  /// The best accuracy so far as a step line: flat across each round, rising at the round where it improved.
  static func drawStepLine(
    _ history: RoundHistory, band: (Int) -> Range<Int>, row: (Float) -> Int, into buffer: inout CellBuffer, plot: Rect
  ) {
    var previous: Int?
    for (index, round) in history.rounds.enumerated() {
      guard let value = round.bestSoFar else { continue }
      let y = row(value), columns = band(index)
      for x in columns { buffer.put("─", x: x, y: y, role: .plotBest) }
      if let previous, previous != y, let x = columns.first {
        let (top, bottom) = (min(previous, y), max(previous, y))
        for between in (top + 1)..<bottom { buffer.put("│", x: x, y: between, role: .plotBest) }
        buffer.put(y < previous ? "┘" : "┐", x: x, y: previous, role: .plotBest)
        buffer.put(y < previous ? "┌" : "└", x: x, y: y, role: .plotBest)
      }
      previous = y
    }
  }

  /// Every round's number and valid / proposed count, centred under its band; when they do not all fit, every
  /// k-th round and always the latest.
  static func drawRoundLabels(
    _ history: RoundHistory, band: (Int) -> Range<Int>, rows: Int, into buffer: inout CellBuffer, area: Rect
  ) {
    let labels = history.rounds.map { round -> [String] in
      let count = "\(round.valid)/\(round.proposed)"
      return rows == 2 ? ["r\(round.round)", count] : ["r\(round.round) \(count)"]
    }
    let widest = labels.flatMap { $0.map { DisplayWidth.of($0) } }.max() ?? 1
    let bandWidth = max(1, area.width / max(1, history.rounds.count))
    let every = max(1, Int((Double(widest + 1) / Double(bandWidth)).rounded(.up)))
    let last = history.rounds.count - 1
    var chosen = [last] + stride(from: 0, to: last, by: every)
    if every > 1 { chosen.removeAll { $0 != last && $0 + every > last && last - $0 < every } }
    for line in 0..<rows {
      var row = LabelRow(area.row(line))
      for index in chosen {
        let columns = band(index)
        let center = (columns.lowerBound + columns.upperBound) / 2
        let role: StyleRole = line == rows - 1 && history.rounds[index].valid == 0 ? .bad : .muted
        row.place(labels[index][line], centeredOn: center, role: role, into: &buffer)
      }
    }
  }

  static func percent(_ value: Float) -> String {
    DisplayWidth.pad(String(format: "%.0f%%", Double(value) * 100), to: 4, right: true)
  }
}
