import Foundation
import Sessions

/// The loss curves of soft prompt-tuning, one sparkline row per tuned round (latest rounds last):
/// `tune r2 ▇▆▄▃▂▁ 1.840→1.020 31s`. Each curve is scaled to its own range, so its shape shows how the round's
/// training went; the numbers give the first and last step's loss. A bar higher than the one before it is drawn
/// as a warning, and a round that ended above its first loss gets `↑` after the numbers (visible without colour).
public enum TuningLossPlot {
  /// The finite `values` averaged into at most `width` equal buckets, one per bar.
  static func buckets(_ values: [Float], width: Int) -> [Float] {
    let finite = values.filter(\.isFinite)
    guard width > 0, !finite.isEmpty else { return [] }
    let columns = min(width, finite.count)
    return (0..<columns).map { column -> Float in
      let start = column * finite.count / columns
      let end = max(start + 1, (column + 1) * finite.count / columns)
      return finite[start..<end].reduce(0, +) / Float(end - start)
    }
  }

  /// Bar heights from lowest to highest.
  static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Draws the last `rect.height` tunings of `tuning`, one per row, in `rect` (no border).
  public static func draw(_ tuning: [PromptTuningFinished], into buffer: inout CellBuffer, rect: Rect) {
    guard rect.width >= 12, rect.height >= 1, !tuning.isEmpty else { return }
    for (row, result) in tuning.suffix(rect.height).enumerated() {
      let y = rect.y + row
      var x = buffer.put("tune r\(result.round) ", x: rect.x, y: y, role: .muted, clip: rect)
      let losses = result.lossCurve.filter(\.isFinite)
      guard let first = losses.first, let last = losses.last else {
        buffer.put("no loss recorded", x: x, y: y, role: .muted, clip: rect)
        continue
      }
      let rose = last > first
      let numbers = " " + String(format: "%.3f", first) + "→" + String(format: "%.3f", last) + (rose ? "↑" : "")
      let summary = numbers + " " + SessionReport.duration(result.seconds)
      let sparkWidth = rect.maxX - x - DisplayWidth.of(summary)
      if sparkWidth >= 1 {
        let bars = buckets(losses, width: sparkWidth)
        for (index, bar) in sparkline(losses, width: sparkWidth).enumerated() {
          let rising = index > 0 && bars[index] > bars[index - 1]
          x = buffer.put(String(bar), x: x, y: y, role: rising ? .warning : .accent, clip: rect)
        }
      }
      x = buffer.put(numbers, x: x, y: y, role: rose ? .warning : .muted, clip: rect)
      buffer.put(" " + SessionReport.duration(result.seconds), x: x, y: y, role: .muted, clip: rect)
    }
  }

  /// `values` as at most `width` bars (averaged in equal buckets when there are more values than columns),
  /// scaled from the lowest bar at the smallest value to the highest at the largest; non-finite values are skipped.
  public static func sparkline(_ values: [Float], width: Int) -> String {
    let bars = buckets(values, width: width)
    guard !bars.isEmpty else { return "" }
    let low = bars.min()!, high = bars.max()!
    let top = levels.count - 1
    return String(
      bars.map { value in
        guard high > low else { return levels[top / 2] }
        let level = Int(((value - low) / (high - low) * Float(top)).rounded())
        return levels[min(top, max(0, level))]
      })
  }
}
