import ArgumentParser

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
      LMCommand.self, ModelsCommand.self, WorkerCommand.self, CheckCommand.self,
      ProposeCommand.self,
    ]
  )
}
