import ArgumentParser
import Foundation
import Sessions

/// `evoprompting report DIR`: what a session found.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "Summarise a session: every candidate, its status and metrics, and the best.")

  @Argument(help: "The session folder.") var session: String
  @Flag(help: "One JSON object.") var json = false
  @Flag(help: "CSV, one candidate per row.") var csv = false

  func run() throws {
    let contents: EventLog.Contents
    contents = try EventLog.read(at: URL(fileURLWithPath: session))
    let report = SessionReport(state: SessionState(events: contents.events))
    if json {
      print(report.json)
    } else if csv {
      print(report.csv, terminator: "")
    } else {
      if contents.recoveredTail != nil { print("note: the log's last line is incomplete (interrupted write); it is ignored\n") }
      print(report.table(limit: 50))
    }
  }
}
