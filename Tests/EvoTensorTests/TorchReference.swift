import EvoTensor
import Foundation

/// The cases `scripts/make_torch_fixtures.py` recorded with real PyTorch: inputs, weights, outputs and gradients.
struct TorchReference: Decodable, Sendable {
  struct Array: Decodable, Sendable {
    let shape: [Int]
    let data: [Double]

    var floats: [Float] { data.map { Float($0) } }
    var ints: [Int] { data.map { Int($0) } }
    func tensor(requiresGrad: Bool = false) -> Tensor {
      Tensor(floats, shape: shape, requiresGrad: requiresGrad)
    }
  }

  /// One recorded case; `config` keeps the constructor arguments as loosely typed JSON.
  struct Case: Decodable, Sendable {
    let name: String
    let kind: String
    let config: [String: JSONValue]
    let inputs: [String: Array]
    let params: [String: Array]
    let outputs: [String: Array]
    let grads: [String: Array]

    func int(_ key: String) -> Int { config[key]!.number.map { Int($0) }! }
    func float(_ key: String) -> Float { Float(config[key]!.number!) }
    func bool(_ key: String) -> Bool { config[key]!.bool! }
    func string(_ key: String) -> String { config[key]!.string! }
    /// The parameters as a `state_dict` for `Module.loadState`.
    var state: [String: [Float]] { params.mapValues(\.floats) }
  }

  let torchVersion: String
  let cases: [Case]

  enum CodingKeys: String, CodingKey {
    case torchVersion = "torch_version"
    case cases
  }

  static func load() throws -> TorchReference {
    let url = Bundle.module.url(forResource: "torch_reference", withExtension: "json", subdirectory: "Fixtures")!
    return try JSONDecoder().decode(TorchReference.self, from: Data(contentsOf: url))
  }
}

/// A JSON value of unknown type.
enum JSONValue: Decodable, Sendable {
  case number(Double), bool(Bool), string(String), list([JSONValue]), object([String: JSONValue]), null

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? container.decode(Double.self) {
      self = .number(n)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let l = try? container.decode([JSONValue].self) {
      self = .list(l)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  var number: Double? { if case .number(let n) = self { n } else { nil } }
  var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
  var string: String? { if case .string(let s) = self { s } else { nil } }
  var list: [JSONValue]? { if case .list(let l) = self { l } else { nil } }
}
