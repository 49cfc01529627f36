import Foundation
import LanguageModels
import XCTest

/// Paths of the test fixtures and of the real SmolLM2 model when it is installed.
enum FixtureFiles {
  /// The path of `Fixtures/<name>`.
  static func path(_ name: String) throws -> String {
    let url = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures").appendingPathComponent(name)
    return url.path
  }

  /// Parsed JSON of `Fixtures/<name>`.
  static func json(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try path(name)))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Qwen2.5-Coder-0.5B-Instruct from `$EVOPROMPTING_QWEN` or the model cache (`ModelStore`). Skips the test when
  /// absent, unless `$EVOPROMPTING_REQUIRE_MODELS` is set (`make test` fetches the model and sets it, so that CI
  /// runs these tests rather than skipping them): then a missing model is a failure.
  static func qwenCoder() throws -> String {
    try installed(.qwenCoder, variable: "EVOPROMPTING_QWEN")
  }

  /// SmolLM2-135M-Instruct Q4_1 from `$EVOPROMPTING_SMOLLM2` or the model cache (`ModelStore`); skips the test
  /// when absent.
  static func smolLM2() throws -> String {
    try installed(.smollm2, variable: "EVOPROMPTING_SMOLLM2")
  }

  /// The GGUF of `model` from `$variable` or the model cache; a skip when absent, or a failure when
  /// `$EVOPROMPTING_REQUIRE_MODELS` is set.
  static func installed(_ model: KnownModel, variable: String) throws -> String {
    var candidates = [ModelStore().path(of: model)]
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment[variable] { candidates.insert(explicit, at: 0) }
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
    let message = "\(model.summary) is not installed (run `evoprompting models fetch \(model.name)`)"
    if environment["EVOPROMPTING_REQUIRE_MODELS"] != nil {
      XCTFail(message)
      throw ModelStoreError.notInstalled(name: model.name)
    }
    throw XCTSkip(message)
  }
}
