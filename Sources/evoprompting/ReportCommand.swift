import ArgumentParser
import Foundation
import Sessions

/// `evoprompting report DIR`: what a session found.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Summarise a session: every candidate, its status and metrics, and the best.",
    discussion: """
      The best model is the fittest candidate whose validation error is below the search's α; fitness is \
      -(parameters x validation error). The terminal UI, export --best and replay name the same model.
      """)

  @Argument(help: "The session folder.") var session: String
  @Flag(exclusivity: .exclusive) var format: ReportFormat = .table

  func run() throws {
    let contents: EventLog.Contents
    contents = try EventLog.read(at: URL(fileURLWithPath: session))
    let report = SessionReport(state: SessionState(events: contents.events))
    switch format {
    case .json: print(report.json)
    case .csv: print(report.csv, terminator: "")
    case .table:
      if contents.recoveredTail != nil {
        print("note: the log's last line is incomplete (interrupted write); it is ignored\n")
      }
      print(report.table(limit: 50))
    }
  }
}
