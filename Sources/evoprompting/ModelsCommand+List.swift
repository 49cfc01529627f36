import ArgumentParser
import Foundation
import LanguageModels

extension ModelsCommand {
  /// `evoprompting models list`: the known models (installed or not) and any other GGUF in the model cache.
  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List known and installed models (name, status, path, description).")

    func run() async throws {
      let store = ModelStore()
      for model in KnownModel.all {
        let path = store.path(of: model)
        let installed = FileManager.default.fileExists(atPath: path)
        let size = String(format: "%.0f MB", Double(model.bytes) / 1e6)
        print("\(model.name)\t\(installed ? "installed" : "not installed")\t\(path)\t\(model.summary), \(size)")
      }
      let known = Set(KnownModel.all.map { store.path(of: $0) })
      for file in store.installed() where !known.contains(file.path) {
        print("-\t\(String(format: "%.1f MB", Double(file.bytes) / 1e6))\t\(file.path)")
      }
    }
  }
}
