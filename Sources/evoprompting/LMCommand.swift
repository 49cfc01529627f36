import ArgumentParser

/// `evoprompting lm`: run the embedded language model directly.
struct LMCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lm",
    abstract: "Run the embedded GGUF language model: generate text or score a continuation.",
    subcommands: [Generate.self, Score.self, Tune.self]
  )
}
