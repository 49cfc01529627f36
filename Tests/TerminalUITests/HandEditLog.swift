import Foundation
import Sessions

/// Collects hand edits from the UI thread.
final class HandEditLog: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [(String, String)] = []

  func append(_ base: String, _ code: String) { lock.withLock { stored.append((base, code)) } }
  var entries: [(String, String)] { lock.withLock { stored } }
}
