/// A probe as dm-clrs 2.0.3's `specs.py` lists it, before run.py's transforms: what the algorithms record and what
/// reference files (`clrs check-reference`) hold.
public struct CLRSReferenceProbe: Sendable, Equatable {
  /// dm-clrs's `specs.Type` values that these ten algorithms use.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case scalar
    case categorical
    case mask
    case maskOne = "mask_one"
    case pointer
    /// A predecessor pointer that orders all nodes (the first points to itself); run.py turns it into a
    /// `permutation_pointer` plus a `mask_one` of the first node.
    case shouldBePermutation = "should_be_permutation"
  }

  public var name: String
  public var stage: CLRSStage
  public var location: CLRSLocation
  public var kind: Kind
  /// Width of a categorical probe's one-hot; 0 for the other kinds.
  public var categoryCount: Int

  public init(_ name: String, _ stage: CLRSStage, _ location: CLRSLocation, _ kind: Kind, categories: Int = 0) {
    self.name = name
    self.stage = stage
    self.location = location
    self.kind = kind
    self.categoryCount = categories
  }
}

extension CLRSAlgorithm {
  /// The probes in `specs.py`'s order (dm-clrs 2.0.3), before run.py's transforms.
  public var referenceProbes: [CLRSReferenceProbe] {
    switch self {
    case .articulationPoints:
      return graphInputs + [
        .init("is_cut", .output, .node, .mask),
        .init("is_cut_h", .hint, .node, .mask),
        .init("pi_h", .hint, .node, .pointer),
        .init("color", .hint, .node, .categorical, categories: 3),
        .init("d", .hint, .node, .scalar),
        .init("f", .hint, .node, .scalar),
        .init("low", .hint, .node, .scalar),
        .init("child_cnt", .hint, .node, .scalar),
      ] + depthFirstCursor + [.init("time", .hint, .graph, .scalar)]
    case .grahamScan:
      return [
        .init("pos", .input, .node, .scalar),
        .init("x", .input, .node, .scalar),
        .init("y", .input, .node, .scalar),
        .init("in_hull", .output, .node, .mask),
        .init("best", .hint, .node, .maskOne),
        .init("atans", .hint, .node, .scalar),
        .init("in_hull_h", .hint, .node, .mask),
        .init("stack_prev", .hint, .node, .pointer),
        .init("last_stack", .hint, .node, .maskOne),
        .init("i", .hint, .node, .maskOne),
        .init("phase", .hint, .graph, .categorical, categories: 5),
      ]
    case .mstKruskal:
      return graphInputs + [
        .init("in_mst", .output, .edge, .mask),
        .init("in_mst_h", .hint, .edge, .mask),
        .init("pi", .hint, .node, .pointer),
        .init("u", .hint, .node, .maskOne),
        .init("v", .hint, .node, .maskOne),
        .init("root_u", .hint, .node, .maskOne),
        .init("root_v", .hint, .node, .maskOne),
        .init("mask_u", .hint, .node, .mask),
        .init("mask_v", .hint, .node, .mask),
        .init("phase", .hint, .graph, .categorical, categories: 3),
      ]
    case .bfs:
      return sourcedGraphInputs + [
        .init("pi", .output, .node, .pointer),
        .init("reach_h", .hint, .node, .mask),
        .init("pi_h", .hint, .node, .pointer),
      ]
    case .dfs:
      return graphInputs + [
        .init("pi", .output, .node, .pointer),
        .init("pi_h", .hint, .node, .pointer),
        .init("color", .hint, .node, .categorical, categories: 3),
        .init("d", .hint, .node, .scalar),
        .init("f", .hint, .node, .scalar),
      ] + depthFirstCursor + [.init("time", .hint, .graph, .scalar)]
    case .dijkstra:
      return sourcedGraphInputs + [
        .init("pi", .output, .node, .pointer),
        .init("pi_h", .hint, .node, .pointer),
        .init("d", .hint, .node, .scalar),
        .init("mark", .hint, .node, .mask),
        .init("in_queue", .hint, .node, .mask),
        .init("u", .hint, .node, .maskOne),
      ]
    case .bellmanFord:
      return sourcedGraphInputs + [
        .init("pi", .output, .node, .pointer),
        .init("pi_h", .hint, .node, .pointer),
        .init("d", .hint, .node, .scalar),
        .init("msk", .hint, .node, .mask),
      ]
    case .insertionSort:
      return [
        .init("pos", .input, .node, .scalar),
        .init("key", .input, .node, .scalar),
        .init("pred", .output, .node, .shouldBePermutation),
        .init("pred_h", .hint, .node, .pointer),
        .init("i", .hint, .node, .maskOne),
        .init("j", .hint, .node, .maskOne),
      ]
    case .topologicalSort:
      return graphInputs + [
        .init("topo", .output, .node, .pointer),
        .init("topo_head", .output, .node, .maskOne),
        .init("topo_h", .hint, .node, .pointer),
        .init("topo_head_h", .hint, .node, .maskOne),
        .init("color", .hint, .node, .categorical, categories: 3),
      ] + depthFirstCursor
    case .activitySelector:
      return [
        .init("pos", .input, .node, .scalar),
        .init("s", .input, .node, .scalar),
        .init("f", .input, .node, .scalar),
        .init("selected", .output, .node, .mask),
        .init("pred_h", .hint, .node, .pointer),
        .init("selected_h", .hint, .node, .mask),
        .init("m", .hint, .node, .maskOne),
        .init("k", .hint, .node, .maskOne),
      ]
    }
  }

  /// The reference probe named `name`, if the algorithm records one.
  public func referenceProbe(named name: String) -> CLRSReferenceProbe? {
    referenceProbes.first { $0.name == name }
  }
}

/// `pos`, the weighted adjacency `A` and its mask `adj` (with self-loops).
private let graphInputs: [CLRSReferenceProbe] = [
  .init("pos", .input, .node, .scalar),
  .init("A", .input, .edge, .scalar),
  .init("adj", .input, .edge, .mask),
]

/// The graph inputs plus the source node `s`, in specs.py's order (`pos, s, A, adj`).
private let sourcedGraphInputs: [CLRSReferenceProbe] = [
  .init("pos", .input, .node, .scalar),
  .init("s", .input, .node, .maskOne),
  .init("A", .input, .edge, .scalar),
  .init("adj", .input, .edge, .mask),
]

/// The explicit-stack cursor shared by the DFS-based algorithms.
private let depthFirstCursor: [CLRSReferenceProbe] = [
  .init("s_prev", .hint, .node, .pointer),
  .init("s", .hint, .node, .maskOne),
  .init("u", .hint, .node, .maskOne),
  .init("v", .hint, .node, .maskOne),
  .init("s_last", .hint, .node, .maskOne),
]
