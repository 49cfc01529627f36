import Foundation
import Tasks
import XCTest

/// The Swift generator against the `mnist1d` package's own dataset (seed 42).
///
/// The random streams differ, so values differ; the tolerances below are a little wider than the spread of the
/// same statistics over the package's seeds 0 to 3 and 42 (measured with the package when the test was written).
final class MNIST1DGenerationTests: XCTestCase {
  /// One generated set shared by the tests: generation takes tens of milliseconds but need not repeat.
  nonisolated(unsafe) private static var cached: MNIST1D?
  private var generated: MNIST1D {
    if let data = Self.cached { return data }
    let data = MNIST1D.generate(seed: 42)
    Self.cached = data
    return data
  }

  func testShapesAndBalancedClasses() {
    let data = generated
    XCTAssertEqual(data.sequenceLength, 40)
    XCTAssertEqual(data.trainCount, 4_000)
    XCTAssertEqual(data.testCount, 1_000)
    XCTAssertEqual(data.xTrain.count, 4_000 * 40)
    XCTAssertEqual(data.xTest.count, 1_000 * 40)
    let all = LabeledExamples(featureCount: 40, inputs: data.xTrain + data.xTest, labels: data.yTrain + data.yTest)
    XCTAssertEqual(all.classCounts(classCount: 10), [Int](repeating: 500, count: 10))
    // Shuffled before the split: each class gets about 400 training examples (the package's range is 394...411).
    let trainCounts = LabeledExamples(featureCount: 40, inputs: data.xTrain, labels: data.yTrain)
      .classCounts(classCount: 10)
    XCTAssertTrue(trainCounts.allSatisfy { (360...440).contains($0) }, "\(trainCounts)")
    XCTAssertTrue(data.xTrain.allSatisfy { $0.isFinite })
  }

  func testStatisticsMatchThePackagesDataset() throws {
    let reference = try MNIST1D.load(directory: FixtureLocation.directory)
    let data = generated
    let mine = SignalStatistics(data.xTrain, sequenceLength: 40)
    let theirs = SignalStatistics(reference.xTrain, sequenceLength: 40)
    let mineTest = SignalStatistics(data.xTest, sequenceLength: 40)
    print(
      "MNIST-1D train statistics (Swift vs package): mean \(mine.mean) vs \(theirs.mean), std \(mine.std) vs \(theirs.std),",
      "min \(mine.min) vs \(theirs.min), max \(mine.max) vs \(theirs.max), q01 \(mine.lowQuantile) vs \(theirs.lowQuantile),",
      "q99 \(mine.highQuantile) vs \(theirs.highQuantile), |x|>3 \(mine.tailFraction) vs \(theirs.tailFraction),",
      "neighbour correlation \(mine.neighbourCorrelation) vs \(theirs.neighbourCorrelation)")

    // Standardised over train and test together: each part is close to mean 0, std 1.
    XCTAssertEqual(mine.mean, theirs.mean, accuracy: 0.03)
    XCTAssertEqual(mine.std, theirs.std, accuracy: 0.02)
    XCTAssertEqual(mineTest.mean, 0, accuracy: 0.05)
    XCTAssertEqual(mineTest.std, 1, accuracy: 0.03)
    // Extremes are noisy (package seeds: min -5.5 to -4.3, max 4.3 to 4.7).
    XCTAssertTrue((-6.5 ... -3.8).contains(mine.min), "min \(mine.min)")
    XCTAssertTrue((3.8...5.5).contains(mine.max), "max \(mine.max)")
    // The bulk of the distribution is tight (package seeds: q01 -2.81 to -2.77, q99 2.70 to 2.75, tails 1.15-1.23%).
    XCTAssertEqual(mine.lowQuantile, theirs.lowQuantile, accuracy: 0.12)
    XCTAssertEqual(mine.highQuantile, theirs.highQuantile, accuracy: 0.12)
    XCTAssertEqual(mine.tailFraction, theirs.tailFraction, accuracy: 0.003)
    // Smoothness comes from the stretching and the filtered noise (package seeds: 0.819 to 0.821).
    XCTAssertEqual(mine.neighbourCorrelation, theirs.neighbourCorrelation, accuracy: 0.01)
  }

  func testClassMeanSignalsMatchThePackagesDataset() throws {
    let reference = try MNIST1D.load(directory: FixtureLocation.directory)
    let data = generated
    let mine = SignalStatistics.classProfiles(data.xTrain, labels: data.yTrain, sequenceLength: 40, classCount: 10)
    let theirs = SignalStatistics.classProfiles(
      reference.xTrain, labels: reference.yTrain, sequenceLength: 40, classCount: 10)
    var squared = 0.0
    var largest = 0.0
    for label in 0..<10 {
      for column in 0..<40 {
        let difference = mine[label][column] - theirs[label][column]
        squared += difference * difference
        largest = max(largest, abs(difference))
      }
    }
    let rms = (squared / 400).squareRoot()
    print("MNIST-1D class mean signals, Swift vs package: rms difference \(rms), largest \(largest)")
    // Between package seeds: rms 0.060 to 0.071, largest 0.17 to 0.28. A wrong template, shear or translation
    // convention moves these far more.
    XCTAssertLessThan(rms, 0.1)
    XCTAssertLessThan(largest, 0.4)
  }

  func testSameSeedSameDataOtherSeedOtherData() {
    let again = MNIST1D.generate(seed: 42)
    XCTAssertEqual(again, generated)
    let other = MNIST1D.generate(seed: 7)
    XCTAssertNotEqual(other.xTrain, generated.xTrain)
    XCTAssertEqual(other.xTrain.count, generated.xTrain.count)
  }

  func testSmallerConfigurationIsHonoured() {
    var configuration = MNIST1DConfiguration()
    configuration.numSamples = 200
    configuration.finalSequenceLength = 24
    let data = MNIST1D.generate(seed: 1, configuration: configuration)
    XCTAssertEqual(data.sequenceLength, 24)
    XCTAssertEqual(data.trainCount, 160)
    XCTAssertEqual(data.testCount, 40)
    XCTAssertEqual(data.xTrain.count, 160 * 24)
  }
}
