/// A weighted graph as dm-clrs's samplers make it: the adjacency matrix `A` (0 = no edge), row-major.
public struct CLRSGraph: Sendable, Equatable {
  public var nodeCount: Int
  /// `A[i][j]` at `i * nodeCount + j`; undirected graphs are symmetric, self-loops may be set.
  public var weights: [Double]

  public init(nodeCount: Int, weights: [Double]) {
    precondition(
      weights.count == nodeCount * nodeCount, "a \(nodeCount)-node graph needs \(nodeCount * nodeCount) weights")
    self.nodeCount = nodeCount
    self.weights = weights
  }

  @inline(__always)
  public subscript(i: Int, j: Int) -> Double { weights[i * nodeCount + j] }

  /// `probing.graph(A)`: 1 where `A + I` is non-zero (every node has a self-loop), else 0.
  public var adjacencyMask: [Double] {
    (0..<(nodeCount * nodeCount)).map { index in
      let diagonal = index / nodeCount == index % nodeCount ? 1.0 : 0.0
      return weights[index] + diagonal != 0 ? 1 : 0
    }
  }

  /// The fraction of off-diagonal entries that are edges.
  public var offDiagonalDensity: Double {
    guard nodeCount > 1 else { return 0 }
    var edges = 0
    for i in 0..<nodeCount {
      for j in 0..<nodeCount where i != j && self[i, j] != 0 { edges += 1 }
    }
    return Double(edges) / Double(nodeCount * (nodeCount - 1))
  }
}

/// What an algorithm runs on: the arguments that dm-clrs's samplers pass to it.
public enum CLRSInput: Sendable, Equatable {
  /// A graph (articulation points, MST-Kruskal, DFS, topological sort).
  case graph(CLRSGraph)
  /// A graph and a source node (BFS, Dijkstra, Bellman-Ford).
  case sourcedGraph(CLRSGraph, source: Int)
  /// Points in the plane (Graham scan).
  case points(x: [Double], y: [Double])
  /// Keys to sort (insertion sort).
  case keys([Double])
  /// Activities' start and finish times (activity selector).
  case intervals(start: [Double], finish: [Double])

  /// N, the nodes the algorithm's probes range over.
  public var nodeCount: Int {
    switch self {
    case .graph(let graph), .sourcedGraph(let graph, _): graph.nodeCount
    case .points(let x, _): x.count
    case .keys(let keys): keys.count
    case .intervals(let start, _): start.count
    }
  }
}

/// An algorithm was given an input of the wrong kind.
public struct CLRSInputMismatch: Error, CustomStringConvertible {
  public var algorithm: CLRSAlgorithm
  public var description: String { "\(algorithm.name) needs \(algorithm.inputKind) as input" }
}

extension CLRSAlgorithm {
  /// What the algorithm takes, in words.
  var inputKind: String {
    switch self {
    case .articulationPoints, .mstKruskal, .dfs, .topologicalSort: "a graph"
    case .bfs, .dijkstra, .bellmanFord: "a graph and a source node"
    case .grahamScan: "points"
    case .insertionSort: "keys"
    case .activitySelector: "intervals"
    }
  }

  /// Runs the algorithm on `input` and records every probe (the reference layout; `CLRSRunPyTransform.apply`
  /// gives the model's).
  public func run(on input: CLRSInput) throws -> CLRSTrajectory {
    switch (self, input) {
    case (.articulationPoints, .graph(let graph)): return CLRSAlgorithms.articulationPoints(graph)
    case (.mstKruskal, .graph(let graph)): return CLRSAlgorithms.mstKruskal(graph)
    case (.dfs, .graph(let graph)): return CLRSAlgorithms.dfs(graph)
    case (.topologicalSort, .graph(let graph)): return CLRSAlgorithms.topologicalSort(graph)
    case (.bfs, .sourcedGraph(let graph, let source)): return CLRSAlgorithms.bfs(graph, source: source)
    case (.dijkstra, .sourcedGraph(let graph, let source)): return CLRSAlgorithms.dijkstra(graph, source: source)
    case (.bellmanFord, .sourcedGraph(let graph, let source)):
      return CLRSAlgorithms.bellmanFord(graph, source: source)
    case (.grahamScan, .points(let x, let y)): return CLRSAlgorithms.grahamScan(x: x, y: y)
    case (.insertionSort, .keys(let keys)): return CLRSAlgorithms.insertionSort(keys)
    case (.activitySelector, .intervals(let start, let finish)):
      return CLRSAlgorithms.activitySelector(start: start, finish: finish)
    default: throw CLRSInputMismatch(algorithm: self)
    }
  }
}

/// The ten algorithms as dm-clrs 2.0.3 writes them (`clrs/_src/algorithms/*.py`), one file each.
enum CLRSAlgorithms {
  /// `pos = i/N`, the reference's node positions.
  static func linearPos(_ n: Int) -> [Double] { (0..<n).map { Double($0) / Double(n) } }
}
