/// The replay's position: speed, event count, recorded time and a bar with the events seen.
public enum ReplayTimeline {
  public static func draw(_ status: ReplayStatus, into buffer: inout CellBuffer, rect: Rect) {
    buffer.fill(rect, role: .normal)
    let symbol = status.position >= status.total ? "■" : (status.paused ? "⏸" : "▶")
    let label =
      " \(symbol) \(status.speedText)  event \(status.position)/\(status.total)  \(HeaderBar.clock(status.elapsed))/\(HeaderBar.clock(status.duration)) "
    let end = buffer.put(label, x: rect.x, y: rect.y, role: .accent, clip: rect)
    let barWidth = rect.maxX - end - 1
    guard barWidth >= 4 else { return }
    let fraction = status.total == 0 ? 1 : Double(status.position) / Double(status.total)
    let filled = Int((fraction * Double(barWidth)).rounded())
    let x = buffer.put(String(repeating: "━", count: filled), x: end, y: rect.y, role: .plotBest, clip: rect)
    buffer.put(String(repeating: "─", count: barWidth - filled), x: x, y: rect.y, role: .muted, clip: rect)
  }
}
