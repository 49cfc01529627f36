import Foundation
import LanguageModels
import ProcessTestSupport
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

  /// SmolLM2-135M-Instruct Q4_1 from `$EVOPROMPTING_SMOLLM2` or the model cache (`ModelStore`); skips the test
  /// when absent (fails it under CI).
  static func smolLM2() throws -> String {
    var candidates = [ModelStore().path(of: .smollm2)]
    if let explicit = ProcessInfo.processInfo.environment["EVOPROMPTING_SMOLLM2"] { candidates.insert(explicit, at: 0) }
    let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) })
    try Prerequisite.require(found != nil, "SmolLM2 model not installed (run `evoprompting models fetch smollm2`)")
    return found!
  }
}
