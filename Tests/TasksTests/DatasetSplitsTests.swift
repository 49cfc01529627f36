import Foundation
import Tasks
import XCTest

/// The train / validation / test view and the task description.
final class DatasetSplitsTests: XCTestCase {
  func testValidationIsTheLastFiveHundredTrainingExamples() throws {
    let data = try MNIST1D.load(directory: FixtureLocation.directory)
    let splits = data.splits()
    XCTAssertEqual(splits.train.count, 3_500)
    XCTAssertEqual(splits.validation.count, 500)
    XCTAssertEqual(splits.test.count, 1_000)
    XCTAssertEqual(splits.train.inputs + splits.validation.inputs, data.xTrain)
    XCTAssertEqual(splits.train.labels + splits.validation.labels, data.yTrain)
    XCTAssertEqual(Array(splits.validation.example(0)), Array(data.xTrain[(3_500 * 40)..<(3_501 * 40)]))
    XCTAssertEqual(splits.test.inputs, data.xTest)
    // Every class is represented in validation.
    XCTAssertTrue(splits.validation.classCounts(classCount: 10).allSatisfy { $0 > 30 })
  }

  func testTaskDescriptionOfMNIST1D() throws {
    let data = try MNIST1D.load(directory: FixtureLocation.directory)
    XCTAssertEqual(data.task, TaskDescription.mnist1d)
    XCTAssertEqual(TaskDescription.mnist1d.inputSize, 40)
    XCTAssertEqual(TaskDescription.mnist1d.classCount, 10)
    let encoded = try JSONEncoder().encode(TaskDescription.mnist1d)
    XCTAssertEqual(try JSONDecoder().decode(TaskDescription.self, from: encoded), .mnist1d)
  }

  func testSmallSetsHoldOutHalfAtMost() throws {
    let small = try MNIST1D.load(npz: FixtureLocation.path("mnist1d_small_stored.npz"))
    XCTAssertEqual(small.defaultValidationCount, 25)
    let splits = small.splits()
    XCTAssertEqual([splits.train.count, splits.validation.count, splits.test.count], [25, 25, 20])
    XCTAssertEqual(small.task.trainCount, 25)
    XCTAssertEqual(small.splits(validationCount: 10).validation.count, 10)
  }

  func testMismatchedArraysAreRejected() {
    XCTAssertThrowsError(try MNIST1D(sequenceLength: 40, xTrain: [0, 1], yTrain: [0], xTest: [], yTest: []))
    XCTAssertThrowsError(
      try MNIST1D(sequenceLength: 1, xTrain: [0], yTrain: [10], xTest: [], yTest: []))
  }
}
