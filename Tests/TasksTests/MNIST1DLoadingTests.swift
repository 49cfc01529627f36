import Foundation
import Tasks
import XCTest

/// Reading the `mnist1d` package's dataset (seed 42) from raw arrays and from `.npz` archives.
final class MNIST1DLoadingTests: XCTestCase {
  func testRawReferenceHasThePackageShapesAndValues() throws {
    let data = try MNIST1D.load(directory: FixtureLocation.directory)
    XCTAssertEqual(data.sequenceLength, 40)
    XCTAssertEqual(data.trainCount, 4_000)
    XCTAssertEqual(data.testCount, 1_000)
    XCTAssertEqual(data.xTrain.count, 160_000)
    XCTAssertEqual(data.xTest.count, 40_000)
    // Values recorded in mnist1d_meta.json when the reference was made.
    XCTAssertEqual(Array(data.yTrain.prefix(10)), [2, 6, 4, 5, 6, 6, 6, 0, 3, 1])
    XCTAssertEqual(Array(data.yTest.prefix(10)), [2, 6, 3, 9, 4, 3, 1, 9, 5, 2])
    XCTAssertEqual(data.xTrain[0], -0.33200567960739136)
    XCTAssertEqual(data.xTrain[4], -0.8823525905609131)
    XCTAssertEqual(data.xTest[3], 0.28267112374305725)
    let train = LabeledExamples(featureCount: 40, inputs: data.xTrain, labels: data.yTrain)
    let test = LabeledExamples(featureCount: 40, inputs: data.xTest, labels: data.yTest)
    XCTAssertEqual(train.classCounts(classCount: 10), [398, 396, 411, 394, 394, 402, 401, 404, 402, 398])
    XCTAssertEqual(test.classCounts(classCount: 10), [102, 104, 89, 106, 106, 98, 99, 96, 98, 102])
  }

  func testCompressedNpzWithPackageNamesAndFloat64() throws {
    let reference = try MNIST1D.load(directory: FixtureLocation.directory)
    let small = try MNIST1D.load(npz: FixtureLocation.path("mnist1d_small_compressed.npz"))
    assertMatchesPrefix(small, of: reference)
  }

  func testStoredNpzWithFloat32AndFortranOrder() throws {
    let reference = try MNIST1D.load(directory: FixtureLocation.directory)
    let small = try MNIST1D.load(npz: FixtureLocation.path("mnist1d_small_stored.npz"))
    assertMatchesPrefix(small, of: reference)
  }

  func testMissingAndMalformedFilesAreReportedNotTrapped() {
    XCTAssertThrowsError(try MNIST1D.load(directory: "/nonexistent-mnist1d")) { error in
      guard case TasksError.unreadableFile = error else { return XCTFail("unexpected \(error)") }
    }
    // A raw float file is not a zip archive.
    XCTAssertThrowsError(try MNIST1D.load(npz: FixtureLocation.path("mnist1d_y_test.i32"))) { error in
      guard case TasksError.malformedFile = error else { return XCTFail("unexpected \(error)") }
    }
  }

  func testCorruptedDeflateEntryFailsItsChecksum() throws {
    var bytes = [UInt8](
      try Data(contentsOf: URL(fileURLWithPath: FixtureLocation.path("mnist1d_small_compressed.npz"))))
    let archive = try ZipArchive(data: Data(bytes), path: "original")
    let entry = try XCTUnwrap(archive.entry(named: "x.npy"))
    XCTAssertEqual(entry.compressionMethod, 8)
    // Flip one byte in the middle of the compressed x array.
    let nameLength = Int(bytes[entry.localHeaderOffset + 26]) | Int(bytes[entry.localHeaderOffset + 27]) << 8
    let extraLength = Int(bytes[entry.localHeaderOffset + 28]) | Int(bytes[entry.localHeaderOffset + 29]) << 8
    let middle = entry.localHeaderOffset + 30 + nameLength + extraLength + entry.compressedSize / 2
    bytes[middle] ^= 0x5A
    let corrupted = try ZipArchive(data: Data(bytes), path: "corrupted")
    XCTAssertThrowsError(try corrupted.extract(XCTUnwrap(corrupted.entry(named: "x.npy"))))
  }

  private func assertMatchesPrefix(
    _ small: MNIST1D, of reference: MNIST1D, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(small.sequenceLength, 40, file: file, line: line)
    XCTAssertEqual(small.trainCount, 50, file: file, line: line)
    XCTAssertEqual(small.testCount, 20, file: file, line: line)
    XCTAssertEqual(small.xTrain, Array(reference.xTrain.prefix(50 * 40)), file: file, line: line)
    XCTAssertEqual(small.yTrain, Array(reference.yTrain.prefix(50)), file: file, line: line)
    XCTAssertEqual(small.xTest, Array(reference.xTest.prefix(20 * 40)), file: file, line: line)
    XCTAssertEqual(small.yTest, Array(reference.yTest.prefix(20)), file: file, line: line)
  }
}
