import ArgumentParser
import Evolution
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

  /// Runs the command line. A usage error (an unknown flag, a bad value, a setting the file or the flags get
  /// wrong) prints the command's usage and exits with status 2, as Unix tools do; anything that goes wrong while
  /// the command runs (a missing session, a model that is not installed, a rejected program) is one sentence and
  /// status 1, so scripts can tell the two apart.
  static func main() async {
    let command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
    do {
      var command = command
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      Foundation.exit(report(error, from: type(of: command)))
    }
  }

  /// Prints an error `command` threw while running and returns the exit status it stands for.
  static func report(_ error: Error, from command: ParsableCommand.Type) -> Int32 {
    switch error {
    case let exit as ExitCode:
      return exit.rawValue
    case let usage as ValidationError:
      printUsageError(usage.message, command: command)
      return 2
    case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."):
      // Its own requests (`help run` is a command whose run throws a request for help): it answers them.
      exit(withError: error)
    case let settings as SettingsError:
      printUsageError(settings.description, command: command)
      return 2
    default:
      FileHandle.standardError.write(Data("Error: \(sentence(for: error))\n".utf8))
      return 1
    }
  }

  /// A usage error found after parsing: the message, then the usage of the command that found it.
  private static func printUsageError(_ message: String, command: ParsableCommand.Type) {
    let usage = usageString(for: command)
    let name = usage.split(separator: " ").prefix { !$0.hasPrefix("<") && !$0.hasPrefix("[") }.joined(separator: " ")
    FileHandle.standardError.write(
      Data("Error: \(message)\nUsage: \(usage)\n  See '\(name) --help' for more information.\n".utf8))
  }

  /// The error as a sentence: its description, or for Foundation's errors their localized text rather than the
  /// `NSCocoaErrorDomain` dump.
  static func sentence(for error: Error) -> String {
    if let foundation = error as? CocoaError { return foundation.localizedDescription }
    if type(of: error) is NSError.Type { return (error as NSError).localizedDescription }
    return String(describing: error)
  }
}

/// A command that could not do its work, said as one sentence (exit status 1, no usage).
struct CommandFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
