import ArchLang
import CLRSPrograms
import EvoTensor
import Foundation
import Tasks
import XCTest

/// `seeds/clrs/standard.py` inside the CLRS network is dm-clrs's Triplet-GMPNN: the reference's parameters give the
/// reference's loss and gradients, and at `--preset paper` widths the parameter counts are the reference's.
final class StandardTripletReferenceTests: XCTestCase {
  /// A fixture of `scripts/make_clrs_model_fixtures.py` (dm-clrs's own numbers for a small batch).
  struct Fixture: Decodable {
    struct ArrayValue: Decodable {
      var shape: [Int]
      var data: [Float]
    }

    struct Probe: Decodable {
      var name: String
      var stage: String
      var location: String
      var type: String
      var categories: Int
      var values: ArrayValue

      var spec: CLRSProbeSpec {
        CLRSProbeSpec(
          name: name, stage: CLRSStage(rawValue: stage)!, location: CLRSLocation(rawValue: location)!,
          type: CLRSProbeType(rawValue: type)!, categoryCount: categories)
      }
      var array: CLRSProbeArray { CLRSProbeArray(spec: spec, shape: values.shape, values: values.data) }
    }

    var algorithm: String
    var hidden: Int
    var triplet_features: Int
    var lengths: [Int]
    var inputs: [Probe]
    var hints: [Probe]
    var outputs: [Probe]
    var params: [String: ArrayValue]
    var grads: [String: ArrayValue]
    var loss: Float

    static func load(_ algorithm: String) throws -> Fixture {
      let url = SeedTripletProgramTests.repository.appendingPathComponent(
        "Tests/TasksTests/Fixtures/clrs_model_\(algorithm).json")
      return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    var spec: CLRSAlgorithmSpec { CLRSAlgorithmSpec(name: algorithm, probes: (inputs + hints + outputs).map(\.spec)) }

    var batch: CLRSBatch {
      CLRSBatch(
        algorithm: spec, batchSize: inputs[0].values.shape[0], nodeCount: inputs[0].values.shape[1],
        hintLengths: lengths, inputs: inputs.map(\.array), hints: hints.map(\.array), outputs: outputs.map(\.array))
    }

    func reference(_ values: [String: ArrayValue]) -> [String: CLRSReferenceParameter] {
      values.mapValues { CLRSReferenceParameter(shape: $0.shape, values: $0.data) }
    }
  }

  private func makeNetwork(_ fixture: Fixture, loading values: [String: Fixture.ArrayValue]) throws -> (
    CLRSNetwork, TripletProgram
  ) {
    let program = try TripletProgram(
      source: try SeedTripletProgramTests.seed("standard"), hidden: fixture.hidden,
      tripletFeatures: fixture.triplet_features, outSize: fixture.hidden, seed: 1, limits: InterpreterLimits())
    let network = try CLRSNetwork(spec: fixture.spec, hidden: fixture.hidden, triplet: program, seed: 2)
    let triplet = try network.loadReferenceParameters(fixture.reference(values))
    try program.loadReferenceParameters(triplet)
    return (network, program)
  }

  func testStandardProgramGivesTheReferenceLossAndGradients() throws {
    for algorithm in ["articulation_points", "mst_kruskal"] {
      let fixture = try Fixture.load(algorithm)
      let (network, program) = try makeNetwork(fixture, loading: fixture.params)
      var generator = RandomSource(seed: 0)
      let loss = try network.loss(on: fixture.batch, using: &generator)
      XCTAssertEqual(loss.item, fixture.loss, accuracy: 2e-5 * Swift.max(1, abs(fixture.loss)), algorithm)
      loss.backward()
      let (_, expectedProgram) = try makeNetwork(fixture, loading: fixture.grads)
      for ((name, mine), (_, wanted)) in zip(
        program.compiled.module.namedParameters(), expectedProgram.compiled.module.namedParameters())
      {
        let actual = mine.grad?.scalars ?? [Float](repeating: 0, count: mine.count)
        let reference = wanted.scalars
        let scale = Swift.max(reference.map(abs).max() ?? 0, 1e-3)
        let error = zip(actual, reference).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThan(error / scale, 2e-3, "\(algorithm): gradient of \(name)")
      }
    }
  }

  /// The spec tables the samplers use describe the probes dm-clrs's network saw in the fixtures (run.py's layout).
  func testSpecTablesHaveTheReferenceProbes() throws {
    for algorithm in [
      "articulation_points", "mst_kruskal", "graham_scan", "insertion_sort", "bfs", "activity_selector",
    ] {
      let reference = try Fixture.load(algorithm).spec.probes
      let ours = try XCTUnwrap(CLRSAlgorithm(name: algorithm)).spec.probes
      func key(_ probe: CLRSProbeSpec) -> String {
        "\(probe.name) \(probe.stage) \(probe.location) \(probe.type) \(probe.categoryCount)"
      }
      XCTAssertEqual(Set(ours.map(key)), Set(reference.map(key)), algorithm)
    }
  }

  /// dm-clrs 2.0.3 counts 531,913 / 398,409 / 399,691 parameters at H = 128 with 8 triplet features (CLRS.md).
  func testParameterCountsAtThePaperWidthAreTheReferences() throws {
    let expected = ["articulation_points": 531_913, "graham_scan": 398_409, "mst_kruskal": 399_691]
    for (algorithm, count) in expected {
      let spec = try XCTUnwrap(CLRSAlgorithm(name: algorithm)).spec
      let program = try TripletProgram(
        source: try SeedTripletProgramTests.seed("standard"), hidden: 128, tripletFeatures: 8, outSize: 128, seed: 1,
        limits: InterpreterLimits())
      let network = try CLRSNetwork(spec: spec, hidden: 128, triplet: program, seed: 2)
      XCTAssertEqual(network.parameterCount, count, algorithm)
    }
  }
}
