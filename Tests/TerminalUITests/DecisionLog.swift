import Foundation
import Sessions

/// Collects review decisions reported through the callback.
final class DecisionLog: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [ReviewDecided] = []

  func append(_ decisions: [ReviewDecided]) { lock.withLock { stored += decisions } }
  var entries: [ReviewDecided] { lock.withLock { stored } }
}
