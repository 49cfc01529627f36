import CLRSPrograms
import EvoTensor
import Foundation
import Tasks
import XCTest

/// `clrs train --replay`: the Swift network trained from a recorded dm-clrs run's initial parameters on its batches
/// follows dm-clrs's losses and reaches its scores (Tests/TasksTests/Fixtures/clrs_replay_bfs.json and the report
/// dm-clrs printed for that run, both from `Benchmarks/clrs_reference_train.py --export`).
final class CLRSReplayTests: XCTestCase {
  static let fixtures = SeedTripletProgramTests.repository.appendingPathComponent("Tests/TasksTests/Fixtures")

  struct Report: Decodable {
    struct Point: Decodable {
      var step: Int
      var loss: Float
      var val_score: Double?
    }
    var params: Int
    var val_score: Double
    var best_step: Int
    var test_score: Double
    var curve: [Point]
  }

  func testTheReplayFollowsDmCLRSLossesAndScores() throws {
    let run = try CLRSReferenceRun(path: Self.fixtures.appendingPathComponent("clrs_replay_bfs.json").path)
    let report = try JSONDecoder().decode(
      Report.self,
      from: Data(contentsOf: Self.fixtures.appendingPathComponent("clrs_replay_bfs_report.json")))
    let settings = try run.trainingSettings()
    let network = try run.initialNetwork(
      tripletSource: try SeedTripletProgramTests.seed("standard"),
      limits: TripletProgram.limits(batchSize: 32, nodeCount: 12, hidden: 8, tripletFeatures: 8))
    XCTAssertEqual(network.parameterCount, report.params)
    var data = try run.data()
    let ours = try CLRSTrainer(settings: settings).train(network, data: &data)
    XCTAssertEqual(ours.curve.count, report.curve.count)
    for (mine, theirs) in zip(ours.curve, report.curve) {
      XCTAssertEqual(mine.loss, theirs.loss, accuracy: 1e-5 * Swift.max(1, abs(theirs.loss)), "step \(mine.step)")
      XCTAssertEqual(mine.validationScore ?? -1, theirs.val_score ?? -1, accuracy: 1e-6, "step \(mine.step)")
    }
    XCTAssertEqual(ours.validationScore, report.val_score, accuracy: 1e-6)
    XCTAssertEqual(ours.bestStep, report.best_step)
    XCTAssertEqual(ours.testScore, report.test_score, accuracy: 1e-6)
  }

  func testAParameterOfTheWrongShapeIsAnErrorNotACrash() throws {
    var run = try CLRSReferenceRun(path: Self.fixtures.appendingPathComponent("clrs_replay_bfs.json").path)
    let limits = TripletProgram.limits(batchSize: 32, nodeCount: 12, hidden: 8, tripletFeatures: 8)
    let name = "net/mpnn_aggr_clrs_processor/linear/w"
    let original = try XCTUnwrap(run.parameters[name])
    for shape in [[original.values.count], [original.shape[1], original.shape[0]]] {
      run.parameters[name] = CLRSReferenceParameter(shape: shape, values: original.values)
      XCTAssertThrowsError(
        try run.initialNetwork(tripletSource: try SeedTripletProgramTests.seed("standard"), limits: limits)
      ) { error in
        XCTAssertTrue("\(error)".hasPrefix("dm-clrs's parameters do not fit the network"), "\(error)")
      }
    }
  }

  func testAReplayNeedsATripletFunctionWithDmCLRSLayers() throws {
    let run = try CLRSReferenceRun(path: Self.fixtures.appendingPathComponent("clrs_replay_bfs.json").path)
    let limits = TripletProgram.limits(batchSize: 32, nodeCount: 12, hidden: 8, tripletFeatures: 8)
    XCTAssertThrowsError(
      try run.initialNetwork(tripletSource: try SeedTripletProgramTests.seed("bilinear"), limits: limits)
    ) { error in
      XCTAssertTrue("\(error)".contains("has no layer t_1 shaped as dm-clrs's"), "\(error)")
    }
  }
}
