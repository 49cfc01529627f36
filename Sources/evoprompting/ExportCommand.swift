import ArgumentParser
import Evolution
import Foundation
import PromptTuning
import Sessions

/// `evoprompting export DIR --best N --out FOLDER`: the best programs as PyTorch files; `--pairs FILE`: the
/// session's (prompt, child) pairs for `lm tune`.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Write a session's best programs as PyTorch files with their metrics in a header, or its prompt-tuning pairs.")

  @Argument(help: "The session folder.") var session: String
  @Option(help: "How many of the fittest programs to write.") var best = 5
  @Option(help: "Folder to write them to.") var out: String?
  @Option(
    help: ArgumentHelp(
      "Write every evaluated child with the prompt that produced it to this file (JSON Lines of {prompt, completion}, as `lm tune` reads).",
      valueName: "PATH"))
  var pairs: String?

  func validate() throws {
    guard out != nil || pairs != nil else { throw ValidationError("give --out FOLDER, --pairs FILE or both") }
    try SettingRule<Int>.within(1...100_000).check(best, flag: "best")
  }

  func run() throws {
    let contents: EventLog.Contents
    contents = try EventLog.read(at: URL(fileURLWithPath: session))
    let state = SessionState(events: contents.events)
    if let out {
      let paths = try ProgramExport.write(state: state, best: best, to: URL(fileURLWithPath: out))
      if paths.isEmpty { print("no evaluated candidates in \(session)") }
      for path in paths { print(path) }
    }
    if let pairs {
      let examples = state.promptChildPairs(completion: ProgramOpening.pytorch.completion)
      let text = examples.map { TuningPairsFile.line(prompt: $0.prompt, completion: $0.completion) }.joined()
      do {
        try text.write(toFile: pairs, atomically: true, encoding: .utf8)
      } catch {
        throw CommandFailure("cannot write \(pairs): \(error.localizedDescription)")
      }
      print("\(pairs): \(examples.count) pairs")
    }
  }
}
