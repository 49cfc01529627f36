import Foundation
import ProcessTestSupport
import XCTest

/// A missing prerequisite skips a test on a developer's machine and fails it under CI.
final class PrerequisiteTests: XCTestCase {
  /// What `Prerequisite.require(false, …)` throws with `CI` set to `value` (unset when nil).
  private func missingError(withCI value: String?) -> Error? {
    let saved = ProcessInfo.processInfo.environment["CI"]
    if let value { setenv("CI", value, 1) } else { unsetenv("CI") }
    defer { if let saved { setenv("CI", saved, 1) } else { unsetenv("CI") } }
    do {
      try Prerequisite.require(false, "tmux is not installed")
      return nil
    } catch {
      return error
    }
  }

  func testAMissingPrerequisiteSkipsLocallyAndFailsUnderCI() throws {
    XCTAssertTrue(missingError(withCI: nil) is XCTSkip)
    XCTAssertTrue(missingError(withCI: "false") is XCTSkip)
    let underCI = try XCTUnwrap(missingError(withCI: "true"))
    XCTAssertTrue(underCI is Prerequisite.Missing)
    XCTAssertEqual("\(underCI)", "CI=true and a prerequisite is missing: tmux is not installed")
    XCTAssertNoThrow(try Prerequisite.require(true, "present"))
  }
}
