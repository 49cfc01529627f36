import EvoTensor
import Foundation

/// dm-clrs 2.0.3's samplers for the ten algorithms (`samplers.py`): the same distributions, drawn from the project's
/// `RandomSource` (deterministic per seed; not numpy's stream).
///
/// - Erdős–Rényi graphs as `_random_er_graph` builds them: an N×N matrix of Bernoulli(p) draws; undirected graphs
///   keep (i, j) only when both (i, j) and (j, i) hit (off-diagonal density p², self-loops with probability p);
///   directed acyclic ones keep the upper triangle and relabel nodes by a random permutation; weights are
///   U[0, 1) (directed) or sqrt(U·U' + 1e-3) (undirected, symmetric).
/// - Each sample picks p uniformly from `edgeProbabilities`; sources are uniform over the nodes, drawn after the
///   graph.
/// - Graham scan: N points uniform in the disk of radius 2 (θ ~ U[0, 2π), r = 2·sqrt(U)), drawn again while any
///   three are collinear (|cross| < 1e-12).
/// - Insertion sort: keys ~ U[0, 1). Activity selector: a, b ~ U[0, 1), start = min, finish = max.
public struct CLRSSampler: Sendable, Equatable {
  public var algorithm: CLRSAlgorithm
  /// The p values a graph sampler picks from (one per sample); unused by the other algorithms.
  public var edgeProbabilities: [Double]

  /// The CLRS-30 dataset's sampler (`sampler_kwargs` defaults): p = 0.2 for articulation points and MST-Kruskal
  /// ("lower p to account for class imbalance"), 0.5 for the other graphs. run.py's test set uses these.
  public static func clrs30(_ algorithm: CLRSAlgorithm) -> CLRSSampler {
    CLRSSampler(algorithm: algorithm, edgeProbabilities: algorithm.hasLowDensity ? [0.2] : [0.5])
  }

  /// run.py's training and validation sampler (Ibarz et al. 2022): p ∈ {0.1, 0.2, …, 0.9}, halved for
  /// articulation points and MST-Kruskal (`run.py` 337-342).
  public static func ibarzTraining(_ algorithm: CLRSAlgorithm) -> CLRSSampler {
    let ps = (0..<9).map { 0.1 + 0.1 * Double($0) }
    return CLRSSampler(algorithm: algorithm, edgeProbabilities: algorithm.hasLowDensity ? ps.map { $0 / 2 } : ps)
  }

  /// One run of the algorithm on a fresh input of `nodeCount` nodes (the reference layout).
  public func sample(nodeCount: Int, using random: inout RandomSource) -> CLRSTrajectory {
    // The input always matches the algorithm, so `run` cannot throw here.
    try! algorithm.run(on: sampleInput(nodeCount: nodeCount, using: &random))
  }

  /// A fresh input of `nodeCount` nodes (`_sample_data`).
  public func sampleInput(nodeCount n: Int, using random: inout RandomSource) -> CLRSInput {
    precondition(n >= 1, "CLRS samples need at least one node")
    switch algorithm {
    case .articulationPoints:
      return .graph(erdosRenyi(n, directed: false, acyclic: false, weighted: false, using: &random))
    case .mstKruskal:
      return .graph(erdosRenyi(n, directed: false, acyclic: false, weighted: true, using: &random))
    case .dfs:
      return .graph(erdosRenyi(n, directed: true, acyclic: false, weighted: false, using: &random))
    case .topologicalSort:
      return .graph(erdosRenyi(n, directed: true, acyclic: true, weighted: false, using: &random))
    case .bfs, .dijkstra, .bellmanFord:
      let graph = erdosRenyi(
        n, directed: false, acyclic: false, weighted: algorithm != .bfs, using: &random)
      return .sourcedGraph(graph, source: random.nextInt(below: n))
    case .grahamScan:
      let (x, y) = Self.pointsInDisk(n, radius: 2, using: &random)
      return .points(x: x, y: y)
    case .insertionSort:
      return .keys(Self.uniforms(n, using: &random))
    case .activitySelector:
      let a = Self.uniforms(n, using: &random)
      let b = Self.uniforms(n, using: &random)
      return .intervals(start: zip(a, b).map { min($0, $1) }, finish: zip(a, b).map { max($0, $1) })
    }
  }

  /// `_random_er_graph` with p picked from `edgeProbabilities`.
  func erdosRenyi(_ n: Int, directed: Bool, acyclic: Bool, weighted: Bool, using random: inout RandomSource)
    -> CLRSGraph
  {
    let p = edgeProbabilities[random.nextInt(below: edgeProbabilities.count)]
    var edges = (0..<(n * n)).map { _ in random.nextUnitDouble() < p ? 1.0 : 0.0 }
    if !directed {
      let drawn = edges
      for i in 0..<n { for j in 0..<n { edges[i * n + j] = drawn[i * n + j] * drawn[j * n + i] } }
    } else if acyclic {
      for i in 0..<n { for j in 0...i { edges[i * n + j] = 0 } }
      var permutation = Array(0..<n)
      permutation.shuffle(using: &random)
      let upper = edges
      for i in 0..<n {
        for j in 0..<n { edges[i * n + j] = upper[permutation[i] * n + permutation[j]] }
      }
    }
    if weighted {
      let drawn = Self.uniforms(n * n, using: &random)
      for i in 0..<n {
        for j in 0..<n {
          let weight = directed ? drawn[i * n + j] : (drawn[i * n + j] * drawn[j * n + i] + 1e-3).squareRoot()
          edges[i * n + j] *= weight
        }
      }
    }
    return CLRSGraph(nodeCount: n, weights: edges)
  }

  static func uniforms(_ count: Int, using random: inout RandomSource) -> [Double] {
    (0..<count).map { _ in random.nextUnitDouble() }
  }

  /// `ConvexHullSampler`: points uniform in a disk, drawn again (up to 1,000 times) while three are collinear.
  static func pointsInDisk(_ n: Int, radius: Double, using random: inout RandomSource) -> ([Double], [Double]) {
    for _ in 0..<1000 {
      let thetas = uniforms(n, using: &random).map { $0 * 2 * Double.pi }
      let radii = uniforms(n, using: &random).map { radius * $0.squareRoot() }
      let x = zip(radii, thetas).map { $0 * cos($1) }
      let y = zip(radii, thetas).map { $0 * sin($1) }
      if !hasCollinearTriple(x: x, y: y, epsilon: 1e-12) { return (x, y) }
    }
    preconditionFailure("no \(n) points without collinear triples in 1000 draws")
  }

  /// `_is_collinear` over every triple.
  public static func hasCollinearTriple(x: [Double], y: [Double], epsilon: Double) -> Bool {
    let n = x.count
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        let (ax, ay) = (x[j] - x[i], y[j] - y[i])
        for k in (j + 1)..<max(j + 1, n) where abs(ax * (y[k] - y[i]) - ay * (x[k] - x[i])) < epsilon {
          return true
        }
      }
    }
    return false
  }
}

extension CLRSAlgorithm {
  /// Articulation points and MST-Kruskal sample sparser graphs (long trajectories, class imbalance).
  var hasLowDensity: Bool { self == .articulationPoints || self == .mstKruskal }

  /// Whether the input is a graph (and so has an edge density).
  public var takesGraph: Bool {
    switch self {
    case .grahamScan, .insertionSort, .activitySelector: false
    default: true
    }
  }
}
