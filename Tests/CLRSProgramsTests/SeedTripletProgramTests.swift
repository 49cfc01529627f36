import ArchLang
import CLRSPrograms
import EvoTensor
import Foundation
import Tasks
import XCTest

/// The paper's nine seed triplet functions (`seeds/clrs/`), checked as the search checks a candidate.
final class SeedTripletProgramTests: XCTestCase {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func seed(_ name: String) throws -> String {
    try String(contentsOf: repository.appendingPathComponent("seeds/clrs/\(name).py"), encoding: .utf8)
  }

  /// Each seed's parameters at H = 16, F = 8, counted by hand from its layers.
  static let seeds: [(name: String, parameters: Int)] = {
    let (h, f) = (16, 8)
    func linear(_ i: Int, _ o: Int) -> Int { i * o + o }
    let nodes = 3 * linear(2 * h, f)
    let edges = 3 * linear(h, f)
    let graph = linear(h, f)
    let output = linear(f, h)
    func mlp(_ i: Int, _ o: Int) -> Int { linear(i, o) + linear(o, o) }
    func bilinear(_ i: Int, _ o: Int) -> Int { linear(i, o) + linear(i, 8 * o) + linear(8 * o, o) }
    return [
      ("standard", nodes + edges + graph + output),
      ("mlp_output", nodes + edges + graph + linear(f, h) + linear(h, h)),
      ("sum_aggregation", nodes + edges + graph + output),
      ("mlp_node_maps", 3 * mlp(2 * h, f) + edges + graph + output),
      ("mlp_edge_maps", nodes + 3 * mlp(h, f) + graph + output),
      ("mlp_graph_map", nodes + edges + mlp(h, f) + output),
      ("no_graph_term", nodes + edges + output),
      ("tiled_node_map", linear(2 * h, h)),
      ("bilinear", 3 * bilinear(2 * h, f) + 4 * bilinear(h, f) + bilinear(f, h)),
    ]
  }()

  func testEverySeedBuildsAndReturnsTheContractShape() throws {
    let check = TripletProgramCheck(contract: CLRSTripletContract(batchSize: 2, nodeCount: 5, hidden: 16))
    for (name, parameters) in Self.seeds {
      let report = check.run(try Self.seed(name))
      XCTAssertNil(report.error, "\(name): \(report.error.map { "\($0)" } ?? "")")
      XCTAssertEqual(report.outputShape, [2, 5, 5, 16], name)
      XCTAssertEqual(report.parameterCount, parameters, name)
      XCTAssertEqual(report.modelName, "TripletMessages", name)
    }
  }

  func testCheckRejectsAWrongShapeWithItsReason() {
    let wrong = """
      import torch
      import torch.nn as nn


      class TripletMessages(nn.Module):
          def __init__(self, hidden, nb_triplet_fts, out_size):
              super().__init__()
              self.node = nn.Linear(2 * hidden, out_size)

          def forward(self, z, edge_fts, graph_fts):
              return self.node(z)
      """
    let report = TripletProgramCheck().run(wrong)
    XCTAssertEqual(report.outputShape, [2, 5, 16])
    XCTAssertTrue(report.error?.message.contains("[2, 5, 5, 16]") ?? false, "\(String(describing: report.error))")
  }

  func testLinearLayersStartAsHaikuInitialisesThem() throws {
    let program = try TripletProgram(
      source: try Self.seed("standard"), hidden: 64, tripletFeatures: 8, outSize: 64, seed: 3,
      limits: InterpreterLimits())
    let named = Dictionary(uniqueKeysWithValues: program.compiled.module.namedParameters().map { ($0.name, $0.tensor) })
    XCTAssertEqual(named["t_1.bias"]?.scalars, [Float](repeating: 0, count: 8))
    let weights = try XCTUnwrap(named["t_1.weight"]).scalars  // [8, 128]: stddev 1/sqrt(128), cut at 2 stddev
    let bound = 2 / Float(128).squareRoot()
    XCTAssertTrue(weights.allSatisfy { abs($0) <= bound })
    let spread = (weights.map { $0 * $0 }.reduce(0, +) / Float(weights.count)).squareRoot()
    XCTAssertEqual(spread, 0.88 / Float(128).squareRoot(), accuracy: 0.01)
  }
}
