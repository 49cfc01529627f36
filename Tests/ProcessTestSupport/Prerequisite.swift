import Foundation
import XCTest

/// What a test needs from the machine it runs on (the installed model, the built binary, tmux). On a developer's
/// machine a missing prerequisite skips the test; under CI (`CI=true`) it fails it, so that a CI machine that
/// lost one never passes by skipping what it was meant to check.
public enum Prerequisite {
  /// Whether a missing prerequisite fails the test rather than skipping it.
  public static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// A missing prerequisite, as a failing test reports it.
  public struct Missing: Error, CustomStringConvertible {
    public var description: String
  }

  /// Returns when `available`; otherwise skips the test, or under CI fails it, saying what is `missing`.
  public static func require(
    _ available: Bool, _ missing: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    guard !available else { return }
    if isRequired { throw Missing(description: "CI=true and a prerequisite is missing: \(missing())") }
    throw XCTSkip(missing(), file: file, line: line)
  }
}
