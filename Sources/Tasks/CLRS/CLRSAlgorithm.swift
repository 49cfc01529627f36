/// The ten CLRS algorithms of the project: the paper's three search tasks (articulation points, Graham scan,
/// MST-Kruskal) and seven more. Raw values are dm-clrs's names.
public enum CLRSAlgorithm: String, Sendable, Codable, CaseIterable {
  case articulationPoints = "articulation_points"
  case grahamScan = "graham_scan"
  case mstKruskal = "mst_kruskal"
  case bfs
  case dfs
  case dijkstra
  case bellmanFord = "bellman_ford"
  case insertionSort = "insertion_sort"
  case topologicalSort = "topological_sort"
  case activitySelector = "activity_selector"

  /// The algorithm with dm-clrs's name `name` (`articulation_points`, …), or nil.
  public init?(name: String) {
    self.init(rawValue: name)
  }

  /// dm-clrs's name, e.g. `mst_kruskal`.
  public var name: String { rawValue }

  /// The probes a model sees: `referenceProbes` after run.py's transforms (Ibarz et al. 2022).
  public var spec: CLRSAlgorithmSpec {
    CLRSAlgorithmSpec(name: name, probes: CLRSRunPyTransform.probes(of: self))
  }

  /// The names of all ten, in the order above.
  public static var names: [String] { allCases.map(\.name) }
}

extension CLRSAlgorithmSpec {
  /// The spec of the algorithm with dm-clrs's name `name`, after run.py's transforms, or nil for an unknown name.
  public static func named(_ name: String) -> CLRSAlgorithmSpec? {
    CLRSAlgorithm(name: name)?.spec
  }

  /// The specs of all ten algorithms, after run.py's transforms.
  public static var all: [CLRSAlgorithmSpec] { CLRSAlgorithm.allCases.map(\.spec) }

  public static var articulationPoints: CLRSAlgorithmSpec { CLRSAlgorithm.articulationPoints.spec }
  public static var grahamScan: CLRSAlgorithmSpec { CLRSAlgorithm.grahamScan.spec }
  public static var mstKruskal: CLRSAlgorithmSpec { CLRSAlgorithm.mstKruskal.spec }
  public static var bfs: CLRSAlgorithmSpec { CLRSAlgorithm.bfs.spec }
  public static var dfs: CLRSAlgorithmSpec { CLRSAlgorithm.dfs.spec }
  public static var dijkstra: CLRSAlgorithmSpec { CLRSAlgorithm.dijkstra.spec }
  public static var bellmanFord: CLRSAlgorithmSpec { CLRSAlgorithm.bellmanFord.spec }
  public static var insertionSort: CLRSAlgorithmSpec { CLRSAlgorithm.insertionSort.spec }
  public static var topologicalSort: CLRSAlgorithmSpec { CLRSAlgorithm.topologicalSort.spec }
  public static var activitySelector: CLRSAlgorithmSpec { CLRSAlgorithm.activitySelector.spec }

  /// The probe named `name`, if the algorithm has one.
  public func probe(named name: String) -> CLRSProbeSpec? {
    probes.first { $0.name == name }
  }
}
