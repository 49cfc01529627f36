/// Where each probe enters the encoders and leaves the decoders of a CLRS network (dm-clrs `encoders.py` and
/// `decoders.py`), as columns of a few stacked linear maps.
///
/// dm-clrs gives every probe its own `hk.Linear` layers and sums their results. The sums are the same when the
/// probes' weights sit side by side in one matrix, so the network runs one GEMM per location and stage instead of
/// one per probe; each probe keeps its own weights and biases, so parameter counts and updates are the reference's.
struct CLRSProbeLayout {
  /// One probe's columns in an encoder's input.
  struct EncodedProbe {
    var spec: CLRSProbeSpec
    /// The index of the probe's array in the batch's `inputs` or `hints`.
    var arrayIndex: Int
    /// Which feature tensor the probe adds to.
    var target: CLRSLocation
    var column: Int
    var width: Int
    /// The row of the probe's bias in its location's `[probes, H]` biases.
    var biasRow: Int
    /// The standard deviation of its weights' initialisation.
    var initialStddev: Float
  }

  /// One decoded probe (a hint or an output): its columns in the decoder's linear maps and its logits.
  struct DecodedProbe {
    var spec: CLRSProbeSpec
    /// The index of the probe's array in the batch's `hints` or `outputs`.
    var arrayIndex: Int
    /// Columns of the node map over `h_t` (`[B, N, 3H]`): 1 for a node scalar, mask or mask_one, C for a
    /// categorical, 2H for a pointer (`p_1`, `p_2`), 2 (or 2C) for an edge probe (sender, receiver), 1 for a graph
    /// pointer's node term.
    var nodeColumn = 0
    var nodeWidth = 0
    /// Columns of the edge map over `e_t` (`[B, N, N, 2H]`): H for a pointer (`p_3`), 1 (or C) for an edge probe.
    var edgeColumn = 0
    var edgeWidth = 0
    /// Columns of the graph maps over `max_nodes(h_t)` and `graph_fts`: 1 (or C) for a graph probe.
    var graphColumn = 0
    var graphWidth = 0
    /// The index of the pointer's read-out `Linear(1)` among the network's pointer decoders.
    var pointerIndex = -1
    /// Where the probe's logits start in the decoder head's packed result, and their shape for one batch (set by
    /// `logitsLayout`).
    var logitsOffset = 0
    var logitsShape: [Int] = []
  }

  let spec: CLRSAlgorithmSpec
  let hidden: Int
  /// Input probes, then hint probes (hints are encoded from the model's own predictions after step 0).
  private(set) var inputs: [EncodedProbe] = []
  private(set) var hints: [EncodedProbe] = []
  /// Columns per target location, for inputs and for hints.
  private(set) var inputWidths: [CLRSLocation: Int] = [.node: 0, .edge: 0, .graph: 0]
  private(set) var hintWidths: [CLRSLocation: Int] = [.node: 0, .edge: 0, .graph: 0]
  /// Probes whose encoder bias adds to each location (dm-clrs adds one bias per probe, every step).
  private(set) var biasCounts: [CLRSLocation: Int] = [.node: 0, .edge: 0, .graph: 0]
  /// Hints, then outputs, in the spec's order.
  private(set) var decoded: [DecodedProbe] = []
  private(set) var nodeDecoderWidth = 0
  private(set) var edgeDecoderWidth = 0
  private(set) var graphDecoderWidth = 0
  private(set) var pointerCount = 0

  init(spec: CLRSAlgorithmSpec, hidden: Int) throws(CLRSModelError) {
    self.spec = spec
    self.hidden = hidden
    var widths = inputWidths
    for (index, probe) in spec.inputs.enumerated() {
      inputs.append(try encoded(probe, arrayIndex: index, widths: &widths))
    }
    inputWidths = widths
    widths = hintWidths
    for (index, probe) in spec.hints.enumerated() {
      hints.append(try encoded(probe, arrayIndex: index, widths: &widths))
    }
    hintWidths = widths
    for (index, probe) in spec.hints.enumerated() { try addDecoded(probe, arrayIndex: index) }
    for (index, probe) in spec.outputs.enumerated() { try addDecoded(probe, arrayIndex: index) }
  }

  /// dm-clrs `encoders.accum_*_fts`: which feature tensor a probe adds to.
  private static func target(of probe: CLRSProbeSpec) throws(CLRSModelError) -> CLRSLocation {
    switch (probe.location, probe.type) {
    case (.node, .pointer), (.node, .permutationPointer): return .edge
    case (.node, _): return .node
    case (.edge, .pointer), (.edge, .permutationPointer):
      throw CLRSModelError.unsupportedProbe(probe.name, "edge pointers")
    case (.edge, _): return .edge
    case (.graph, .pointer): return .node
    case (.graph, .permutationPointer): throw CLRSModelError.unsupportedProbe(probe.name, "graph permutations")
    case (.graph, _): return .graph
    }
  }

  private mutating func encoded(_ probe: CLRSProbeSpec, arrayIndex: Int, widths: inout [CLRSLocation: Int])
    throws(CLRSModelError) -> EncodedProbe
  {
    if probe.type == .categorical && probe.categoryCount < 1 {
      throw CLRSModelError.unsupportedProbe(probe.name, "a categorical probe without categories")
    }
    let target = try Self.target(of: probe)
    let width = probe.featureWidth
    let column = widths[target]!
    widths[target]! += width
    let biasRow = biasCounts[target]!
    biasCounts[target]! += 1
    // encoders.py: "xavier_on_scalars" for hint scalars; haiku's default 1/sqrt(fan_in) otherwise.
    let stddev =
      probe.stage == .hint && probe.type == .scalar
      ? 1 / Float(hidden).squareRoot()
      : 1 / Float(width).squareRoot()
    return EncodedProbe(
      spec: probe, arrayIndex: arrayIndex, target: target, column: column, width: width, biasRow: biasRow,
      initialStddev: stddev)
  }

  private mutating func addDecoded(_ probe: CLRSProbeSpec, arrayIndex: Int) throws(CLRSModelError) {
    var entry = DecodedProbe(spec: probe, arrayIndex: arrayIndex)
    let width = probe.featureWidth
    switch (probe.location, probe.type) {
    case (.node, .pointer), (.node, .permutationPointer):
      (entry.nodeColumn, entry.nodeWidth) = (nodeDecoderWidth, 2 * hidden)
      (entry.edgeColumn, entry.edgeWidth) = (edgeDecoderWidth, hidden)
      entry.pointerIndex = pointerCount
      pointerCount += 1
    case (.node, _):
      (entry.nodeColumn, entry.nodeWidth) = (nodeDecoderWidth, width)
    case (.edge, .pointer), (.edge, .permutationPointer):
      throw CLRSModelError.unsupportedProbe(probe.name, "edge pointers")
    case (.edge, _):
      (entry.nodeColumn, entry.nodeWidth) = (nodeDecoderWidth, 2 * width)
      (entry.edgeColumn, entry.edgeWidth) = (edgeDecoderWidth, width)
    case (.graph, .permutationPointer):
      throw CLRSModelError.unsupportedProbe(probe.name, "graph permutations")
    case (.graph, .pointer):
      (entry.graphColumn, entry.graphWidth) = (graphDecoderWidth, 1)
      (entry.nodeColumn, entry.nodeWidth) = (nodeDecoderWidth, 1)
    case (.graph, _):
      (entry.graphColumn, entry.graphWidth) = (graphDecoderWidth, width)
    }
    nodeDecoderWidth += entry.nodeWidth
    edgeDecoderWidth += entry.edgeWidth
    graphDecoderWidth += entry.graphWidth
    decoded.append(entry)
  }

  /// Fixes each decoded probe's logits shape and offset for a batch of `batchSize` graphs of `nodeCount` nodes.
  func logitsLayout(batchSize: Int, nodeCount: Int) -> (probes: [DecodedProbe], count: Int) {
    var offset = 0
    let probes = decoded.map { entry -> DecodedProbe in
      var entry = entry
      let b = batchSize
      let n = nodeCount
      let c = entry.spec.categoryCount
      switch (entry.spec.location, entry.spec.type) {
      case (.node, .pointer), (.node, .permutationPointer): entry.logitsShape = [b, n, n]
      case (.node, .categorical): entry.logitsShape = [b, n, c]
      case (.node, _): entry.logitsShape = [b, n]
      case (.edge, .categorical): entry.logitsShape = [b, n, n, c]
      case (.edge, _): entry.logitsShape = [b, n, n]
      case (.graph, .pointer): entry.logitsShape = [b, n]
      case (.graph, .categorical): entry.logitsShape = [b, c]
      case (.graph, _): entry.logitsShape = [b]
      }
      entry.logitsOffset = offset
      offset += entry.logitsShape.reduce(1, *)
      return entry
    }
    return (probes, offset)
  }
}

/// Why a CLRS network cannot be built or run.
public enum CLRSModelError: Error, Equatable, CustomStringConvertible {
  /// A probe of a kind the network does not handle (none of the ten algorithms has one).
  case unsupportedProbe(String, String)
  /// A batch that does not follow the network's spec.
  case batchMismatch(String)
  /// The triplet function failed or returned the wrong shape.
  case tripletFunction(String)
  /// dm-clrs's parameters do not fit the network (a missing name, another triplet function).
  case referenceParameters(String)

  public var description: String {
    switch self {
    case .unsupportedProbe(let name, let what): return "probe \(name): \(what) are not supported"
    case .batchMismatch(let message): return "batch does not fit the network: \(message)"
    case .tripletFunction(let message): return "triplet function: \(message)"
    case .referenceParameters(let message): return "dm-clrs's parameters do not fit the network: \(message)"
    }
  }
}

extension CLRSProbeSpec {
  /// The width a probe's values have in the encoders' inputs and the decoders' logits: C for a categorical, else 1.
  var featureWidth: Int { type == .categorical ? categoryCount : 1 }
}
