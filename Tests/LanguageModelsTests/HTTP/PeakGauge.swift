import Foundation

/// Counts how many tasks are inside a region at once and remembers the most.
final class PeakGauge: @unchecked Sendable {
  // Both counters are guarded by `lock`.
  private let lock = NSLock()
  private var current = 0
  private var highest = 0

  func enter() {
    lock.withLock {
      current += 1
      highest = max(highest, current)
    }
  }

  func leave() { lock.withLock { current -= 1 } }

  var peak: Int { lock.withLock { highest } }
}
