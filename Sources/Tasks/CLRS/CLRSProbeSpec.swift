import MemberwiseInit

/// Where a probe sits in an algorithm's trajectory (dm-clrs `specs.Stage`).
public enum CLRSStage: String, Sendable, Codable, CaseIterable {
  case input, output, hint
}

/// What a probe is attached to (dm-clrs `specs.Location`).
public enum CLRSLocation: String, Sendable, Codable, CaseIterable {
  case node, edge, graph
}

/// How a probe's values are encoded, decoded, scored and penalised (dm-clrs `specs.Type`, after run.py's transforms:
/// `should_be_permutation` never reaches a model, it becomes `permutation_pointer` plus a `mask_one` probe).
public enum CLRSProbeType: String, Sendable, Codable, CaseIterable {
  case scalar
  case categorical
  case mask
  case maskOne = "mask_one"
  case pointer
  case permutationPointer = "permutation_pointer"
}

/// One probe of an algorithm: a named input, hint or output with its location and type.
@MemberwiseInit
public struct CLRSProbeSpec: Sendable, Equatable, Codable {
  /// The reference's probe name, e.g. `pi_h`, `adj`, `in_mst`.
  public var name: String
  public var stage: CLRSStage
  public var location: CLRSLocation
  public var type: CLRSProbeType
  /// Width of the one-hot of a categorical probe (e.g. 3 for DFS's `color`); 0 for every other type.
  public var categoryCount: Int = 0
}

/// An algorithm's probes, in the reference's order (`specs.py`), after run.py's transforms.
@MemberwiseInit
public struct CLRSAlgorithmSpec: Sendable, Equatable {
  /// The reference's algorithm name, e.g. `articulation_points`.
  public var name: String
  public var probes: [CLRSProbeSpec]

  public var inputs: [CLRSProbeSpec] { probes.filter { $0.stage == .input } }
  public var hints: [CLRSProbeSpec] { probes.filter { $0.stage == .hint } }
  public var outputs: [CLRSProbeSpec] { probes.filter { $0.stage == .output } }
}
