import ArgumentParser
import Foundation
import LanguageModels

/// Builds the language model a search asked for.
enum LanguageModelFactory {
  /// The backends `--lm` accepts.
  static let backends = ["embedded"]

  static func make(_ options: LanguageModelOptions) throws -> any LanguageModel {
    switch options.lm {
    case "embedded":
      let store = ModelStore()
      let name = options.model ?? "smollm2"
      let path: String
      do {
        path = try store.resolve(name)
      } catch {
        throw ValidationError("\(error)\nInstall the default model with: evoprompting models fetch smollm2")
      }
      return try EmbeddedLanguageModel(path: path, threadCount: ProcessInfo.processInfo.activeProcessorCount)
    default:
      throw ValidationError("unknown --lm '\(options.lm)'; backends are: \(backends.joined(separator: ", "))")
    }
  }
}
