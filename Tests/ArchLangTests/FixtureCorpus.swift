import Foundation
import XCTest

/// The model corpus in `Fixtures/models`: sources, PyTorch's parameter counts and shapes, and reference tensors.
struct FixtureCorpus {
  /// One tensor's place in a fixture's `.f32` file.
  struct TensorEntry: Decodable {
    var name: String?
    var shape: [Int]
    var offset: Int
    var count: Int
  }

  /// A fixture's manifest (`NAME.json`).
  struct Manifest: Decodable {
    var name: String
    var params: Int
    var input_shape: [Int]
    var output_shape: [Int]
    var tensors: [TensorEntry]
    var input: TensorEntry
    var output: TensorEntry
  }

  static var directory: URL {
    get throws {
      let resources = try XCTUnwrap(Bundle.module.resourceURL)
      return resources.appendingPathComponent("Fixtures").appendingPathComponent("models")
    }
  }

  /// The fixture names, seeds included (`seed_cnn`, ..., `attention`, ...).
  static func names() throws -> [String] {
    let data = try Data(contentsOf: try directory.appendingPathComponent("index.json"))
    return try JSONDecoder().decode([String].self, from: data)
  }

  static func source(_ name: String) throws -> String {
    try String(contentsOf: try directory.appendingPathComponent(name + ".py"), encoding: .utf8)
  }

  static func manifest(_ name: String) throws -> Manifest {
    let data = try Data(contentsOf: try directory.appendingPathComponent(name + ".json"))
    return try JSONDecoder().decode(Manifest.self, from: data)
  }

  /// All float32 values of a fixture's `.f32` file.
  static func values(_ name: String) throws -> [Float] {
    let data = try Data(contentsOf: try directory.appendingPathComponent(name + ".f32"))
    return data.withUnsafeBytes { raw in
      Array(raw.bindMemory(to: Float.self))
    }
  }
}
