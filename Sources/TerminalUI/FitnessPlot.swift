import Foundation
/// A line plot of per-round best and median validation accuracy, with a y axis in percent.
public enum FitnessPlot {
  /// Draws the plot in `rect` (no border); an empty history shows a hint.
  public static func draw(_ history: FitnessHistory, into buffer: inout CellBuffer, rect: Rect, glyphs: PlotGlyphs) {
    guard rect.width >= 12, rect.height >= 3 else { return }
    var x = buffer.put("best ", x: rect.x, y: rect.y, role: .muted, clip: rect)
    x = buffer.put("━━", x: x, y: rect.y, role: .plotBest, clip: rect)
    x = buffer.put("  median ", x: x, y: rect.y, role: .muted, clip: rect)
    buffer.put("━━", x: x, y: rect.y, role: .plotMedian, clip: rect)
    let area = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    guard !history.rounds.isEmpty else {
      buffer.put("no evaluated candidates yet", x: area.x, y: area.y, role: .muted, clip: area)
      return
    }
    let values = history.rounds.flatMap { [$0.best, $0.median] }
    var low = values.min()!, high = values.max()!
    if high - low < 0.02 {
      low = max(0, low - 0.01)
      high = min(1, high + 0.01)
    }
    if high <= low { high = low + 0.01 }
    let labelWidth = 5
    let bottomLabel = area.height >= 3 ? 1 : 0
    let plot = Rect(x: area.x + labelWidth, y: area.y, width: area.width - labelWidth, height: area.height - bottomLabel)
    guard plot.width >= 2, plot.height >= 1 else { return }
    buffer.put(percent(high), x: area.x, y: plot.y, role: .muted, clip: area)
    if plot.height > 1 { buffer.put(percent(low), x: area.x, y: plot.maxY - 1, role: .muted, clip: area) }
    var canvas = DotCanvas(columns: plot.width, rows: plot.height, glyphs: glyphs)
    let count = history.rounds.count
    func point(_ index: Int, _ value: Float) -> (x: Int, y: Int) {
      let x = count == 1 ? canvas.dotWidth / 2 : index * (canvas.dotWidth - 1) / (count - 1)
      let fraction = (value - low) / (high - low)
      let y = Int(((1 - fraction) * Float(canvas.dotHeight - 1)).rounded())
      return (x, y)
    }
    // Median first so the best line wins cells they share.
    for (series, role) in [(\FitnessHistory.Round.median, StyleRole.plotMedian), (\FitnessHistory.Round.best, StyleRole.plotBest)] {
      var previous: (x: Int, y: Int)?
      for (index, round) in history.rounds.enumerated() {
        let current = point(index, round[keyPath: series])
        if let previous { canvas.line(from: previous, to: current, role: role) } else { canvas.set(x: current.x, y: current.y, role: role) }
        previous = current
      }
    }
    canvas.draw(into: &buffer, x: plot.x, y: plot.y)
    if bottomLabel == 1 {
      let first = "r\(history.rounds.first!.round)", last = "r\(history.rounds.last!.round)"
      buffer.put(first, x: plot.x, y: plot.maxY, role: .muted, clip: area)
      if count > 1 { buffer.put(last, x: plot.maxX - DisplayWidth.of(last), y: plot.maxY, role: .muted, clip: area) }
    }
  }

  static func percent(_ value: Float) -> String {
    DisplayWidth.pad(String(format: "%.0f%%", Double(value) * 100), to: 4, right: true)
  }
}
