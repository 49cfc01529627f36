import Foundation
import LanguageModels

/// Shows `ModelStore.fetch`'s progress on stderr: a bar redrawn in place on a terminal, a line per 10% otherwise
/// (logs, CI).
final class FetchProgressPrinter {
  private let isTerminal = isatty(STDERR_FILENO) == 1
  private var phase = ""
  private var phaseStart = Date()
  private var lastDraw = Date.distantPast
  private var lastDecile = -1
  private var barShown = false

  func show(_ progress: FetchProgress) {
    switch progress {
    case .message(let text):
      endBar()
      write("  \(text)\n")
    case .bytes(let phase, let done, let total):
      if phase != self.phase {
        endBar()
        self.phase = phase
        phaseStart = Date()
        lastDecile = -1
      }
      let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
      if isTerminal {
        guard Date().timeIntervalSince(lastDraw) >= 0.1 || done >= total else { return }
        lastDraw = Date()
        write("\r\u{1B}[K" + line(phase: phase, done: done, total: total, fraction: fraction))
        barShown = true
      } else {
        let decile = Int(fraction * 10)
        guard decile != lastDecile else { return }
        lastDecile = decile
        write(line(phase: phase, done: done, total: total, fraction: fraction) + "\n")
      }
    }
  }

  /// Ends a bar left on the line.
  func finish() { endBar() }

  private func endBar() {
    if barShown { write("\n") }
    barShown = false
  }

  private func line(phase: String, done: Int, total: Int, fraction: Double) -> String {
    let width = 30
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let seconds = Date().timeIntervalSince(phaseStart)
    // The rate means something only after a moment (the first chunk arrives in a millisecond).
    let rate = seconds >= 0.5 ? String(format: "  %.1f MB/s", Double(done) / 1e6 / seconds) : ""
    return String(
      format: "  %@ %@ %3d%%  %.0f/%.0f MB%@", phase.padding(toLength: 11, withPad: " ", startingAt: 0),
      bar, Int(fraction * 100), Double(done) / 1e6, Double(total) / 1e6, rate)
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
