import EvoTensor
import Tasks
import XCTest

/// The CLRS network against dm-clrs 2.0.3 itself: with the reference's parameters loaded, the same batch gives the
/// same loss, gradients, evaluation logits and predictions, and training steps follow the same losses (fixtures from
/// `scripts/make_clrs_model_fixtures.py`).
final class CLRSNetworkReferenceTests: XCTestCase {
  static let algorithms = [
    "articulation_points", "mst_kruskal", "insertion_sort", "graham_scan", "bfs", "activity_selector",
  ]

  func testArticulationPoints() throws { try compare("articulation_points") }
  func testMSTKruskal() throws { try compare("mst_kruskal") }
  func testInsertionSort() throws { try compare("insertion_sort") }
  func testGrahamScan() throws { try compare("graham_scan") }
  func testBFS() throws { try compare("bfs") }
  func testActivitySelector() throws { try compare("activity_selector") }

  /// `CLRSTrainer.step` (clipping at 1, Adam at lr 1e-3) from the reference's parameters: the loss of every one of
  /// 20 steps on the fixture's batch equals dm-clrs's `feedback` loss, so the optimiser, not only one gradient, is
  /// the reference's.
  func testTrainingStepsFollowTheReferenceLosses() throws {
    for algorithm in Self.algorithms {
      let fixture = try CLRSModelFixture.load(algorithm)
      let (network, _) = try makeNetwork(fixture, parameters: fixture.referenceParameters)
      network.gumbelNoise = false
      let optimizer = Adam(network.parameters, learningRate: 1e-3)
      var noise = RandomSource(seed: 0)
      // Log-Sinkhorn at temperature 0.1 amplifies float rounding: a permutation's one-step gradient already differs
      // by about 2e-4 (against 1e-5 elsewhere), and Adam carries that into the later losses.
      let hasPermutation = fixture.spec.outputs.contains { $0.type == .permutationPointer }
      let tolerance: Float = hasPermutation ? 2e-3 : 1e-4
      var worst: Float = 0
      for (step, wanted) in fixture.trainingLosses.enumerated() {
        let loss = try CLRSTrainer.step(network, optimizer: optimizer, on: fixture.batch, clippingAt: 1, noise: &noise)
        let error = abs(loss - wanted) / Swift.max(1, abs(wanted))
        worst = Swift.max(worst, error)
        XCTAssertLessThan(error, tolerance, "\(algorithm) step \(step): loss \(loss), dm-clrs \(wanted)")
      }
      XCTAssertEqual(fixture.trainingLosses.count, 20, algorithm)
      print("\(algorithm): \(fixture.trainingLosses.count) steps, worst relative loss error \(worst)")
    }
  }

  private func makeNetwork(_ fixture: CLRSModelFixture, parameters: [String: CLRSReferenceParameter]) throws -> (
    CLRSNetwork, NativeTripletMessages
  ) {
    let triplet = NativeTripletMessages(hidden: fixture.hidden, tripletFeatures: fixture.tripletFeatures, seed: 1)
    let network = try CLRSNetwork(spec: fixture.spec, hidden: fixture.hidden, triplet: triplet, seed: 2)
    try triplet.load(try network.loadReferenceParameters(parameters))
    return (network, triplet)
  }

  private func compare(_ algorithm: String) throws {
    let fixture = try CLRSModelFixture.load(algorithm)
    let (network, _) = try makeNetwork(fixture, parameters: fixture.referenceParameters)
    network.gumbelNoise = false
    XCTAssertEqual(network.parameterCount, fixture.parameterCount, "parameter count")
    var generator = RandomSource(seed: 0)
    let loss = try network.loss(on: fixture.batch, using: &generator)
    XCTAssertEqual(loss.item, fixture.loss, accuracy: 2e-5 * Swift.max(1, abs(fixture.loss)), "loss")
    loss.backward()

    // The reference's gradients, loaded like parameters into a second network of the same layout.
    let (expected, _) = try makeNetwork(fixture, parameters: fixture.referenceGradients)
    var worst: Float = 0
    for (index, (mine, reference)) in zip(network.parameters, expected.parameters).enumerated() {
      let actual = mine.grad?.scalars ?? [Float](repeating: 0, count: mine.count)
      let wanted = reference.scalars
      let scale = Swift.max(wanted.map(abs).max() ?? 0, 1e-3)
      let error = zip(actual, wanted).map { abs($0 - $1) }.max() ?? 0
      worst = Swift.max(worst, error / scale)
      XCTAssertLessThan(error / scale, 2e-3, "gradient of parameter \(index) \(mine.shape)")
    }

    let logits = try network.outputLogits(fixture.batch)
    for (probe, value) in zip(fixture.spec.outputs, logits) {
      let wanted = try XCTUnwrap(fixture.outputLogits[probe.name])
      XCTAssertEqual(value.shape, wanted.shape, probe.name)
      // Relative: a permutation's logits hold the -1e6 diagonal divided by τ = 0.1, where a float step is 0.125.
      let error = zip(value.scalars, wanted.data).map { abs($0 - $1) / Swift.max(1, abs($1)) }.max() ?? 0
      XCTAssertLessThan(error, 1e-4, "output logits of \(probe.name)")
    }
    let predictions = try network.predict(fixture.batch)
    for (probe, value) in zip(fixture.spec.outputs, predictions) {
      XCTAssertEqual(value.values, fixture.predictions[probe.name]?.data, "prediction of \(probe.name)")
    }
    print("\(algorithm): loss \(loss.item) vs \(fixture.loss), worst relative gradient error \(worst)")
  }
}
