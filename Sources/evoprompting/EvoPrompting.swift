import ArgumentParser
import Foundation

/// The `evoprompting` command: language-model-driven neural architecture search in the terminal.
@main
struct EvoPrompting: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evoprompting",
    abstract: "Evolve neural-network programs with a language model as the mutation and crossover operator.",
    discussion: """
      EvoPrompting (Chen, Dohan & So, NeurIPS 2023) asks a language model for child programs of the fittest \
      parent programs, trains every valid child with the embedded training engine, and keeps the fittest \
      (fitness = -(parameters x validation error)).
      """,
    version: "0.1.0",
    subcommands: [
      RunCommand.self, ResumeCommand.self, ReportCommand.self, ExportCommand.self, TrainCommand.self, BenchCommand.self,
      LMCommand.self, ModelsCommand.self, WorkerCommand.self, CheckCommand.self, ReplayCommand.self,
      ProposeCommand.self, CLRSCommand.self, ExtractCommand.self, StudyCommand.self,
    ]
  )

  /// Runs the command line; a usage error (unknown flag, bad value) exits with status 2, as Unix tools do, so
  /// scripts can tell it from a rejected program (1).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
