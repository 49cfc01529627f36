import Foundation
import Sessions
import XCTest

/// The recorded sessions the repository ships under `sessions/` (found from this file: tests run from a checkout).
enum ShippedSessions {
  static let constrainedTuned = "mnist1d-quick-constrained-tuned"
  static let smollm2 = "mnist1d-quick-smollm2"

  static func directory(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("sessions").appendingPathComponent(name)
  }

  static func events(_ name: String) throws -> [LoggedEvent] {
    try EventLog.read(at: directory(name)).events
  }

  static func state(_ name: String) throws -> SessionState { SessionState(events: try events(name)) }
}
