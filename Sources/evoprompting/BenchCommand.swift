import ArgumentParser

/// `evoprompting bench`: measurements anyone can rerun.
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure the embedded engines.",
    subcommands: [BenchTrainCommand.self, BenchExecutorsCommand.self]
  )
}
