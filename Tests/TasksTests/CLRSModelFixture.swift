import EvoTensor
import Foundation
import Tasks

/// One `clrs_model_<algorithm>.json` written by `scripts/make_clrs_model_fixtures.py`: a batch, dm-clrs's parameters
/// for it, and what dm-clrs computed (loss, gradients, output logits, predictions, the losses of training steps).
struct CLRSModelFixture: Decodable {
  struct ArrayValue: Decodable {
    var shape: [Int]
    var data: [Float]
    var parameter: CLRSReferenceParameter { CLRSReferenceParameter(shape: shape, values: data) }
  }

  struct Probe: Decodable {
    var name: String
    var stage: String
    var location: String
    var type: String
    var categories: Int
    var values: ArrayValue

    var spec: CLRSProbeSpec {
      CLRSProbeSpec(
        name: name, stage: CLRSStage(rawValue: stage)!, location: CLRSLocation(rawValue: location)!,
        type: CLRSProbeType(rawValue: type)!, categoryCount: categories)
    }

    var array: CLRSProbeArray { CLRSProbeArray(spec: spec, shape: values.shape, values: values.data) }
  }

  var algorithm: String
  var hidden: Int
  var tripletFeatures: Int
  var lengths: [Int]
  var inputs: [Probe]
  var hints: [Probe]
  var outputs: [Probe]
  var params: [String: ArrayValue]
  var loss: Float
  var grads: [String: ArrayValue]
  var outputLogits: [String: ArrayValue]
  var predictions: [String: ArrayValue]
  var score: Float
  var parameterCount: Int
  /// The losses of dm-clrs's first training steps on this batch from `params` (clipping, then Adam).
  var trainingLosses: [Float]

  enum CodingKeys: String, CodingKey {
    case algorithm, hidden, lengths, inputs, hints, outputs, params, loss, grads, predictions, score
    case trainingLosses = "training_losses"
    case tripletFeatures = "triplet_features"
    case outputLogits = "output_logits"
    case parameterCount = "parameter_count"
  }

  static func load(_ algorithm: String) throws -> CLRSModelFixture {
    let data = try Data(contentsOf: URL(fileURLWithPath: FixtureLocation.path("clrs_model_\(algorithm).json")))
    return try JSONDecoder().decode(CLRSModelFixture.self, from: data)
  }

  var spec: CLRSAlgorithmSpec {
    CLRSAlgorithmSpec(name: algorithm, probes: (inputs + hints + outputs).map(\.spec))
  }

  var batch: CLRSBatch {
    let first = inputs[0].values.shape
    return CLRSBatch(
      algorithm: spec, batchSize: first[0], nodeCount: first.count > 1 ? first[1] : 0, hintLengths: lengths,
      inputs: inputs.map(\.array), hints: hints.map(\.array), outputs: outputs.map(\.array))
  }

  var referenceParameters: [String: CLRSReferenceParameter] { params.mapValues(\.parameter) }
  var referenceGradients: [String: CLRSReferenceParameter] { grads.mapValues(\.parameter) }
}

/// The reference triplet function written directly on EvoTensor, as a test double for the network (the product's
/// triplet functions are ArchLang programs). Parameters in dm-clrs's roles: t_1, t_2, t_3, t_e_1, t_e_2, t_e_3,
/// t_g (`Linear(F)`) and o3 (`Linear(out)`).
final class NativeTripletMessages: CLRSTripletMessages {
  var weights: [String: Tensor] = [:]
  var biases: [String: Tensor] = [:]
  static let roles = ["t_1", "t_2", "t_3", "t_e_1", "t_e_2", "t_e_3", "t_g", "o3"]

  init(hidden: Int, tripletFeatures: Int, seed: UInt64) {
    var generator = RandomSource(seed: seed)
    for role in Self.roles {
      let fanIn = role == "o3" ? tripletFeatures : (["t_1", "t_2", "t_3"].contains(role) ? 2 * hidden : hidden)
      let out = role == "o3" ? hidden : tripletFeatures
      weights[role] = CLRSInitializer.linearWeight(out: out, in: fanIn, using: &generator)
      biases[role] = CLRSInitializer.bias(out)
    }
  }

  var parameters: [Tensor] { Self.roles.flatMap { [weights[$0]!, biases[$0]!] } }

  func linear(_ role: String, _ x: Tensor) -> Tensor { x.linear(weight: weights[role]!, bias: biases[role]!) }

  func messages(z: Tensor, edges: Tensor, graph: Tensor) throws -> Tensor {
    let terms = [
      linear("t_1", z).unsqueezed(2).unsqueezed(3), linear("t_2", z).unsqueezed(1).unsqueezed(3),
      linear("t_3", z).unsqueezed(1).unsqueezed(2), linear("t_e_1", edges).unsqueezed(3),
      linear("t_e_2", edges).unsqueezed(2), linear("t_e_3", edges).unsqueezed(1),
      linear("t_g", graph).unsqueezed(1).unsqueezed(1).unsqueezed(1),
    ]
    return linear("o3", Tensor.broadcastSum(terms, reducedOver: 1, .max))
  }

  /// Loads the `role.w` / `role.b` values `CLRSNetwork.loadReferenceParameters` returned.
  func load(_ values: [String: CLRSReferenceParameter]) throws {
    for role in Self.roles {
      try CLRSNetwork.place(values[role + ".w"]!, intoRows: 0, of: weights[role]!)
      try CLRSNetwork.place(values[role + ".b"]!, at: 0, of: biases[role]!)
    }
  }
}
