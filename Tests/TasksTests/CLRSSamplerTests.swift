import EvoTensor
import Foundation
import Tasks
import XCTest

/// The samplers' distributions: structural properties, and statistics over 1,000 samples against dm-clrs's
/// (Fixtures/clrs/sampler_stats.json, made by scripts/make_clrs_sampler_stats.py).
final class CLRSSamplerTests: XCTestCase {
  struct Reference: Decodable {
    struct Stats: Decodable {
      var length_n: Int
      var num_samples: Int
      var hint_length_mean: Double
      var hint_length_max: Int
      var edge_density: Double?
      var self_loop_rate: Double?
      var edge_weight_mean: Double?
    }
    var algorithms: [String: [String: Stats]]
  }

  func reference() throws -> Reference {
    let data = try Data(contentsOf: URL(fileURLWithPath: FixtureLocation.path("clrs/sampler_stats.json")))
    return try JSONDecoder().decode(Reference.self, from: data)
  }

  /// Mean hint length and edge density within 5% of dm-clrs's over 1,000 samples at n = 16 (the CLRS-30 sampler:
  /// e.g. articulation points, p = 0.2, has mean T 54.9 in the reference).
  func testStatisticsMatchTheReferenceOverAThousandSamples() throws {
    let reference = try reference()
    for algorithm in CLRSAlgorithm.allCases {
      let expected = try XCTUnwrap(reference.algorithms[algorithm.name]?["clrs30_n16"], algorithm.name)
      XCTAssertEqual(expected.num_samples, 1000)
      let ours = CLRSSamplerStatistics.measure(.clrs30(algorithm), nodeCount: 16, samples: 1000, seed: 14)
      assertWithin(ours.hintLengthMean, expected.hint_length_mean, 0.05, "\(algorithm.name) mean T")
      if let density = expected.edge_density {
        assertWithin(try XCTUnwrap(ours.edgeDensity), density, 0.05, "\(algorithm.name) edge density")
        assertWithin(try XCTUnwrap(ours.selfLoopRate), expected.self_loop_rate!, 0.1, "\(algorithm.name) self-loops")
      }
      if let weight = expected.edge_weight_mean {
        assertWithin(try XCTUnwrap(ours.edgeWeightMean), weight, 0.05, "\(algorithm.name) edge weight")
      }
    }
  }

  /// run.py's training sampler at n = 7 (p from 0.1 to 0.9, halved for articulation points and MST-Kruskal).
  func testTrainingSamplerStatisticsMatchTheReference() throws {
    let reference = try reference()
    for algorithm in CLRSAlgorithm.allCases {
      let expected = try XCTUnwrap(reference.algorithms[algorithm.name]?["ibarz_n7"], algorithm.name)
      let ours = CLRSSamplerStatistics.measure(.ibarzTraining(algorithm), nodeCount: 7, samples: 4000, seed: 15)
      assertWithin(ours.hintLengthMean, expected.hint_length_mean, 0.05, "\(algorithm.name) mean T")
      if let density = expected.edge_density {
        assertWithin(try XCTUnwrap(ours.edgeDensity), density, 0.05, "\(algorithm.name) edge density")
      }
    }
  }

  func assertWithin(_ value: Double, _ expected: Double, _ relative: Double, _ what: String) {
    XCTAssertLessThanOrEqual(abs(value - expected), relative * abs(expected), "\(what): \(value) against \(expected)")
  }

  func testGraphsHaveTheReferenceStructure() {
    var random = RandomSource(seed: 3)
    for _ in 0..<50 {
      guard case .graph(let undirected) = CLRSSampler.clrs30(.mstKruskal).sampleInput(nodeCount: 12, using: &random),
        case .graph(let dag) = CLRSSampler.clrs30(.topologicalSort).sampleInput(nodeCount: 12, using: &random),
        case .sourcedGraph(let weighted, let source) = CLRSSampler.clrs30(.dijkstra).sampleInput(
          nodeCount: 12, using: &random)
      else { return XCTFail("graph samplers give graphs") }
      XCTAssertTrue(source >= 0 && source < 12)
      for i in 0..<12 {
        for j in 0..<12 {
          XCTAssertEqual(undirected[i, j], undirected[j, i])
          XCTAssertEqual(weighted[i, j], weighted[j, i])
          // sqrt(U·U' + 1e-3) lies in [0.0316, 1.0005].
          if weighted[i, j] != 0 { XCTAssertTrue(weighted[i, j] >= 0.0316 && weighted[i, j] <= 1.0005) }
        }
      }
      XCTAssertTrue(isAcyclic(dag), "topological sort samples DAGs")
    }
  }

  func isAcyclic(_ graph: CLRSGraph) -> Bool {
    let n = graph.nodeCount
    var indegree = (0..<n).map { j in (0..<n).filter { graph[$0, j] != 0 }.count }
    var ready = (0..<n).filter { indegree[$0] == 0 }
    var seen = 0
    while let u = ready.popLast() {
      seen += 1
      for v in 0..<n where graph[u, v] != 0 {
        indegree[v] -= 1
        if indegree[v] == 0 { ready.append(v) }
      }
    }
    return seen == n
  }

  func testPointsLieInTheDiskWithoutCollinearTriples() {
    var random = RandomSource(seed: 4)
    for _ in 0..<20 {
      guard case .points(let x, let y) = CLRSSampler.clrs30(.grahamScan).sampleInput(nodeCount: 16, using: &random)
      else { return XCTFail("points") }
      XCTAssertTrue(zip(x, y).allSatisfy { ($0 * $0 + $1 * $1).squareRoot() <= 2 })
      XCTAssertFalse(CLRSSampler.hasCollinearTriple(x: x, y: y, epsilon: 1e-12))
    }
    XCTAssertTrue(CLRSSampler.hasCollinearTriple(x: [0, 1, 2, 5], y: [0, 1, 2, 3], epsilon: 1e-12))
  }

  func testIntervalsAndKeys() {
    var random = RandomSource(seed: 5)
    guard
      case .intervals(let start, let finish) = CLRSSampler.clrs30(.activitySelector).sampleInput(
        nodeCount: 30, using: &random)
    else { return XCTFail("intervals") }
    XCTAssertTrue(zip(start, finish).allSatisfy { 0 <= $0 && $0 <= $1 && $1 < 1 })
    guard case .keys(let keys) = CLRSSampler.clrs30(.insertionSort).sampleInput(nodeCount: 30, using: &random)
    else { return XCTFail("keys") }
    XCTAssertEqual(Set(keys).count, 30)
  }
}
