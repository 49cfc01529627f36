import Foundation
import ProcessTestSupport
import XCTest

/// What the commands this UI owns say to a user who mistypes, and what they print without a terminal.
final class CommandLineTests: XCTestCase {
  var binary: String {
    get throws {
      let url = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("evoprompting")
      guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw XCTSkip("evoprompting is not built at \(url.path)")
      }
      return ShellCommand.quote(url.path)
    }
  }

  var session: String {
    get throws {
      ShellCommand.quote(
        try XCTUnwrap(Bundle.module.url(forResource: "demo-session", withExtension: nil, subdirectory: "Fixtures")).path
      )
    }
  }

  func testReplayWithoutATerminalPrintsLines() throws {
    // Standard output a file and standard input /dev/null (ShellCommand's), as under cron or in a pipe.
    let result = ShellCommand.run("\(try binary) replay \(try session) --speed 1000000")
    XCTAssertEqual(result.status, 0, result.output)
    XCTAssertTrue(result.output.hasPrefix("EvoPrompting · mnist1d"), result.output)
    XCTAssertTrue(result.output.contains("replay finished: 53 events"), result.output)
  }

  func testANegativeSpeedIsAnInvalidValueNotAMissingOne() throws {
    for form in ["--speed -5", "--speed=-5", "--speed 0"] {
      let result = ShellCommand.run("\(try binary) replay \(try session) \(form)")
      XCTAssertEqual(result.status, 2, result.output)
      XCTAssertFalse(result.output.contains("Missing value"), result.output)
      XCTAssertTrue(result.output.contains("is invalid for '--speed <speed>'"), result.output)
      XCTAssertTrue(result.output.contains("Usage: evoprompting replay"), result.output)
    }
  }

  func testAnUnknownThemeListsTheThemes() throws {
    for command in ["replay \(try session) --theme nope", "resume \(try session) --theme nope"] {
      let result = ShellCommand.run("\(try binary) \(command)")
      XCTAssertEqual(result.status, 2, result.output)
      XCTAssertTrue(result.output.contains("'nope' is invalid for '--theme <theme>'"), result.output)
      XCTAssertTrue(result.output.contains("'dark', 'light' or 'high-contrast'"), result.output)
      XCTAssertFalse(
        result.output.contains("Usage: evoprompting <subcommand>"), "not the top-level usage:\n\(result.output)")
    }
  }

  func testReportFormatsAreExclusive() throws {
    let both = ShellCommand.run("\(try binary) report \(try session) --csv --json")
    XCTAssertEqual(both.status, 2, both.output)
    XCTAssertTrue(both.output.contains("--json") && both.output.contains("--csv"), both.output)
    XCTAssertFalse(both.output.hasPrefix("{"), "no JSON printed:\n\(both.output)")
    let csv = ShellCommand.run("\(try binary) report \(try session) --csv")
    XCTAssertTrue(
      csv.output.hasPrefix("id,round,origin,parents,status,params,val_accuracy,test_accuracy,fitness,eligible,"))
    let table = ShellCommand.run("\(try binary) report \(try session)")
    XCTAssertTrue(table.output.contains("best: s3 (round 0)"), table.output)
    XCTAssertTrue(table.output.contains("validation error < α = 0.5"), "the rule is named:\n\(table.output)")
  }
}
