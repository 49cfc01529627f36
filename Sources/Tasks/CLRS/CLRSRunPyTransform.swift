import EvoTensor

/// The rewrites that dm-clrs's `examples/run.py` (Ibarz et al. 2022) applies to a sampler's probes before a model
/// sees them (`samplers.py` `process_pred_as_input`, `process_permutations`, `process_random_pos`):
/// - in `PRED_AS_INPUT_ALGOS` (here activity selector), the constant hint `pred_h` becomes the input `pred`;
/// - a `should_be_permutation` becomes a `permutation_pointer` (the first node points to the last) plus `NAME_mask`,
///   a `mask_one` of the first node;
/// - at train and validation time `pos` becomes sorted U[0, 1) values (`randomizingPos`).
public enum CLRSRunPyTransform {
  /// run.py's `PRED_AS_INPUT_ALGOS`, restricted to the ten algorithms here.
  static let predAsInputAlgorithms: Set<CLRSAlgorithm> = [.activitySelector]

  /// `algorithm`'s probes after the transforms, in `specs.py`'s order (a replaced probe keeps its place).
  static func probes(of algorithm: CLRSAlgorithm) -> [CLRSProbeSpec] {
    algorithm.referenceProbes.flatMap { probe -> [CLRSProbeSpec] in
      if probe.name == "pred_h" && predAsInputAlgorithms.contains(algorithm) {
        return [CLRSProbeSpec(name: "pred", stage: .input, location: probe.location, type: .pointer)]
      }
      if probe.kind == .shouldBePermutation {
        return [
          CLRSProbeSpec(name: probe.name, stage: probe.stage, location: .node, type: .permutationPointer),
          CLRSProbeSpec(name: probe.name + "_mask", stage: probe.stage, location: .node, type: .maskOne),
        ]
      }
      return [probe.recordedSpec]
    }
  }

  /// A reference-layout trajectory in run.py's layout (`pos` untouched; see `randomizingPos`).
  public static func apply(to trajectory: CLRSTrajectory) -> CLRSTrajectory {
    guard trajectory.layout == .reference else { return trajectory }
    let algorithm = trajectory.algorithm
    let n = trajectory.nodeCount
    var converted: [String: CLRSProbeArray] = [:]
    for array in trajectory.allArrays {
      let name = array.spec.name
      let kind = algorithm.referenceProbe(named: name)?.kind
      if name == "pred_h" && predAsInputAlgorithms.contains(algorithm) {
        // Constant over time (asserted by run.py): step 0 is the input.
        let spec = CLRSProbeSpec(name: "pred", stage: .input, location: .node, type: .pointer)
        converted["pred"] = CLRSProbeArray(spec: spec, shape: [n], values: Array(array.values.prefix(n)))
      } else if kind == .shouldBePermutation {
        let (permutation, first) = cyclicPermutationAndFirst(predecessors: array.values.map { Int($0) })
        let stage = array.spec.stage
        converted[name] = CLRSProbeArray(
          spec: CLRSProbeSpec(name: name, stage: stage, location: .node, type: .permutationPointer),
          shape: [n, n], values: permutation)
        converted[name + "_mask"] = CLRSProbeArray(
          spec: CLRSProbeSpec(name: name + "_mask", stage: stage, location: .node, type: .maskOne),
          shape: [n], values: first)
      } else {
        converted[name] = array
      }
    }
    let spec = algorithm.spec
    func ordered(_ probes: [CLRSProbeSpec]) -> [CLRSProbeArray] { probes.map { converted[$0.name]! } }
    return CLRSTrajectory(
      algorithm: algorithm, layout: .runPy, nodeCount: n, hintLength: trajectory.hintLength,
      inputs: ordered(spec.inputs), hints: ordered(spec.hints), outputs: ordered(spec.outputs))
  }

  /// `probing.predecessor_to_cyclic_predecessor_and_first`: the one-hot pointer matrix `[N, N]` of a predecessor
  /// order, with the first node (the one that points to itself) pointing to the last (the one nobody points to),
  /// and a one-hot of the first node.
  public static func cyclicPermutationAndFirst(predecessors: [Int]) -> (permutation: [Float], first: [Float]) {
    let n = predecessors.count
    var matrix = [Float](repeating: 0, count: n * n)
    var incoming = [Int](repeating: 0, count: n)
    for (node, predecessor) in predecessors.enumerated() {
      matrix[node * n + predecessor] = 1
      incoming[predecessor] += 1
    }
    // argmin / argmax take the first index, as numpy and jax do.
    let last = incoming.indices.min { incoming[$0] < incoming[$1] } ?? 0
    let first = (0..<n).first { predecessors[$0] == $0 } ?? 0
    matrix[first * n + last] += 1
    matrix[first * n + first] -= 1
    return (matrix, oneHot(first, count: n))
  }

  /// `process_random_pos`: `pos` replaced by sorted U[0, 1) values, drawn afresh per sample. Each run of the old
  /// `pos` starting at a zero is sorted on its own, as in the reference (here always one run: pos = i/N).
  public static func randomizingPos(_ trajectory: CLRSTrajectory, using random: inout RandomSource)
    -> CLRSTrajectory
  {
    guard let index = trajectory.inputs.firstIndex(where: { $0.spec.name == "pos" }) else { return trajectory }
    var result = trajectory
    let old = trajectory.inputs[index].values
    var fresh = old.map { _ in Float(random.nextUnitDouble()) }
    var start = 0
    while start < old.count {
      var end = start + 1
      while end < old.count && old[end] != 0 { end += 1 }
      fresh[start..<end].sort()
      start = end
    }
    result.inputs[index].values = fresh
    return result
  }
}

extension RandomSource {
  /// A uniform Double in [0, 1) with 53 random bits (numpy's `random_sample` resolution).
  @inline(__always)
  mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
  }
}
