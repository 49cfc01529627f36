import Foundation
import LanguageModels
import ProcessTestSupport
import XCTest

/// Paths of the test fixtures and of the real models (Qwen2.5-Coder-0.5B, SmolLM2) when they are installed.
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

  /// Qwen2.5-Coder-0.5B-Instruct from `$EVOPROMPTING_QWEN` or the model cache (`ModelStore`); skips the test
  /// when absent (fails it under CI).
  static func qwenCoder() throws -> String {
    try installed(.qwenCoder, variable: "EVOPROMPTING_QWEN")
  }

  /// SmolLM2-135M-Instruct Q4_1 from `$EVOPROMPTING_SMOLLM2` or the model cache (`ModelStore`); skips the test
  /// when absent (fails it under CI).
  static func smolLM2() throws -> String {
    try installed(.smollm2, variable: "EVOPROMPTING_SMOLLM2")
  }

  /// The GGUF of `model` from `$variable` or the model cache; a skip when absent, or a failure under CI
  /// (`Prerequisite`: `make test` fetches the models, so CI runs these tests rather than skipping them).
  static func installed(_ model: KnownModel, variable: String) throws -> String {
    var candidates = [ModelStore().path(of: model)]
    if let explicit = ProcessInfo.processInfo.environment[variable] { candidates.insert(explicit, at: 0) }
    let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) })
    try Prerequisite.require(
      found != nil, "\(model.summary) is not installed (run `evoprompting models fetch \(model.name)`)")
    return found!
  }
}
