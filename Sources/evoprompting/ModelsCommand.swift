import ArgumentParser
import Foundation
import LanguageModels

/// `evoprompting models`: obtain and list the GGUF models of the embedded runtime.
struct ModelsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "Fetch and list embedded language models.",
    subcommands: [Fetch.self, List.self]
  )
}
