import ArgumentParser
import Foundation
import Sessions

/// `evoprompting export DIR --best N --out FOLDER`: the best programs as PyTorch files.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write a session's best programs as PyTorch files with their metrics in a header.")

  @Argument(help: "The session folder.") var session: String
  @Option(help: "How many of the fittest programs to write.") var best = 5
  @Option(help: "Folder to write them to.") var out: String

  func run() throws {
    let contents: EventLog.Contents
    do { contents = try EventLog.read(at: URL(fileURLWithPath: session)) } catch { throw ValidationError("\(error)") }
    let paths = try ProgramExport.write(state: SessionState(events: contents.events), best: best, to: URL(fileURLWithPath: out))
    if paths.isEmpty { print("no evaluated candidates in \(session)") }
    for path in paths { print(path) }
  }
}
