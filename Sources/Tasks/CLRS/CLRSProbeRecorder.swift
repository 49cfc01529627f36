/// A probe's value at one moment, in the algorithm's own terms; the recorder turns it into the spec's encoding.
enum CLRSProbeValue {
  /// Node scalars or masks (`[N]`), or an edge array (`[N·N]`, row-major).
  case scalars([Double])
  /// Node pointers: `pointers[i] = j` means that i points to j.
  case pointers([Int])
  /// A `mask_one`: the one node that is set.
  case node(Int)
  /// A node categorical: each node's class.
  case categories([Int])
  /// A graph categorical: the class.
  case category(Int)
  /// A graph scalar.
  case scalar(Double)
}

/// Records an algorithm's probes as it runs: dm-clrs's `probing.initialize`, `push` and `finalize`.
///
/// Every push names every probe of its stage (as `probing.push` demands); hints accumulate one step per push.
struct CLRSProbeRecorder {
  let algorithm: CLRSAlgorithm
  let nodeCount: Int
  private let probes: [CLRSReferenceProbe]
  private var recorded: [String: [Float]] = [:]
  private var hintSteps = 0

  init(_ algorithm: CLRSAlgorithm, nodeCount: Int) {
    self.algorithm = algorithm
    self.nodeCount = nodeCount
    self.probes = algorithm.referenceProbes
  }

  /// A graph algorithm's recorder with its inputs pushed: the inputs every graph algorithm pushes first, `pos`, `A`
  /// and `adj`, and the start node `s` of the algorithms that have one.
  init(_ algorithm: CLRSAlgorithm, graph: CLRSGraph, source: Int? = nil) {
    self.init(algorithm, nodeCount: graph.nodeCount)
    var inputs: [String: CLRSProbeValue] = [
      "pos": .scalars(CLRSAlgorithms.linearPos(graph.nodeCount)), "A": .scalars(graph.weights),
      "adj": .scalars(graph.adjacencyMask),
    ]
    if let source { inputs["s"] = .node(source) }
    pushInputs(inputs)
  }

  mutating func pushInputs(_ values: [String: CLRSProbeValue]) {
    push(.input, values)
  }

  mutating func pushHint(_ values: [String: CLRSProbeValue]) {
    push(.hint, values)
    hintSteps += 1
  }

  mutating func pushOutputs(_ values: [String: CLRSProbeValue]) {
    push(.output, values)
  }

  private mutating func push(_ stage: CLRSStage, _ values: [String: CLRSProbeValue]) {
    let stageProbes = probes.filter { $0.stage == stage }
    precondition(
      stageProbes.count == values.count,
      "\(algorithm.name): \(stage) push of \(values.keys.sorted()) "
        + "for probes \(stageProbes.map(\.name))")
    for probe in stageProbes {
      guard let value = values[probe.name] else {
        preconditionFailure("\(algorithm.name): missing probe \(probe.name)")
      }
      recorded[probe.name, default: []].append(contentsOf: encode(value, as: probe))
    }
  }

  /// The values of `value` in `probe`'s encoding (one-hots expanded, pointers as indices).
  private func encode(_ value: CLRSProbeValue, as probe: CLRSReferenceProbe) -> [Float] {
    let n = nodeCount
    switch value {
    case .scalars(let values):
      precondition(values.count == (probe.location == .edge ? n * n : n), "\(probe.name): \(values.count) values")
      return values.map { Float($0) }
    case .pointers(let pointers):
      precondition(pointers.count == n && probe.kind != .scalar, "\(probe.name): pointers")
      return pointers.map { Float($0) }
    case .node(let index):
      precondition(probe.kind == .maskOne && index >= 0 && index < n, "\(probe.name): mask_one \(index)")
      return oneHot(index, count: n)
    case .categories(let classes):
      precondition(probe.kind == .categorical && classes.count == n, "\(probe.name): categories")
      return classes.flatMap { oneHot($0, count: probe.categoryCount) }
    case .category(let index):
      precondition(probe.kind == .categorical && probe.location == .graph, "\(probe.name): category")
      return oneHot(index, count: probe.categoryCount)
    case .scalar(let value):
      precondition(probe.location == .graph, "\(probe.name): graph scalar")
      return [Float(value)]
    }
  }

  /// The finished trajectory in the reference layout.
  func finish() -> CLRSTrajectory {
    precondition(hintSteps > 0, "\(algorithm.name): no hints recorded")
    func arrays(_ stage: CLRSStage) -> [CLRSProbeArray] {
      probes.filter { $0.stage == stage }.map { probe in
        let values = recorded[probe.name] ?? []
        var shape = CLRSProbeArray.sampleShape(location: probe.location, nodeCount: nodeCount)
        if probe.kind == .categorical { shape.append(probe.categoryCount) }
        if stage == .hint { shape.insert(hintSteps, at: 0) }
        return CLRSProbeArray(spec: probe.recordedSpec, shape: shape, values: values)
      }
    }
    return CLRSTrajectory(
      algorithm: algorithm, layout: .reference, nodeCount: nodeCount, hintLength: hintSteps,
      inputs: arrays(.input), hints: arrays(.hint), outputs: arrays(.output))
  }
}

func oneHot(_ index: Int, count: Int) -> [Float] {
  var values = [Float](repeating: 0, count: count)
  values[index] = 1
  return values
}

extension CLRSReferenceProbe {
  /// The spec a recorded array carries: a `should_be_permutation` is recorded as the pointer array it is.
  var recordedSpec: CLRSProbeSpec {
    let type: CLRSProbeType =
      switch kind {
      case .scalar: .scalar
      case .categorical: .categorical
      case .mask: .mask
      case .maskOne: .maskOne
      case .pointer, .shouldBePermutation: .pointer
      }
    return CLRSProbeSpec(name: name, stage: stage, location: location, type: type, categoryCount: categoryCount)
  }
}

extension CLRSProbeArray {
  /// The shape of one sample's value at one step, before any one-hot axis: node `[N]`, edge `[N, N]`, graph `[]`.
  static func sampleShape(location: CLRSLocation, nodeCount: Int) -> [Int] {
    switch location {
    case .node: [nodeCount]
    case .edge: [nodeCount, nodeCount]
    case .graph: []
    }
  }
}
