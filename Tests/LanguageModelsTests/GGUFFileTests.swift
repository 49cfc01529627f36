import LanguageModels
import XCTest

/// The GGUF reader and dequantisers against files written and dequantised by the `gguf` Python package.
final class GGUFFileTests: XCTestCase {
  func testReadsMetadataOfEveryValueType() throws {
    let file = try GGUFFile(path: try FixtureFiles.path("tensors.gguf"))
    XCTAssertEqual(file.version, 3)
    XCTAssertEqual(file.alignment, 32)
    XCTAssertEqual(file.string("general.architecture"), "test")
    XCTAssertEqual(file.metadata["test.uint8"], .uint8(200))
    XCTAssertEqual(file.metadata["test.int8"], .int8(-100))
    XCTAssertEqual(file.metadata["test.uint16"], .uint16(60000))
    XCTAssertEqual(file.metadata["test.int16"], .int16(-30000))
    XCTAssertEqual(file.metadata["test.uint32"], .uint32(4_000_000_000))
    XCTAssertEqual(file.metadata["test.int32"], .int32(-2_000_000_000))
    XCTAssertEqual(file.metadata["test.float32"], .float32(1.5))
    XCTAssertEqual(file.metadata["test.uint64"], .uint64(1 << 40))
    XCTAssertEqual(file.metadata["test.int64"], .int64(-(1 << 40)))
    XCTAssertEqual(file.metadata["test.float64"], .float64(2.25))
    XCTAssertEqual(file.metadata["test.bool"], .bool(true))
    XCTAssertEqual(file.string("test.string"), "héllo ✓")
    XCTAssertEqual(file.metadata["test.array"]?.arrayValue?.compactMap(\.intValue), [1, 2, 3])
    XCTAssertEqual(file.metadata["test.strings"]?.arrayValue?.compactMap(\.stringValue), ["a", "bc"])
  }

  func testDequantisesEveryTypeLikeTheReference() throws {
    let file = try GGUFFile(path: try FixtureFiles.path("tensors.gguf"))
    let types: [(String, GGMLType)] = [
      ("f32", .f32), ("f16", .f16), ("bf16", .bf16), ("q4_0", .q4_0), ("q4_1", .q4_1), ("q8_0", .q8_0),
      ("q4_k", .q4_K), ("q6_k", .q6_K),
    ]
    for (name, type) in types {
      let tensor = try XCTUnwrap(file.tensor(named: name), name)
      XCTAssertEqual(tensor.type, type, name)
      XCTAssertEqual(tensor.shape, [256, 4], name)
      XCTAssertEqual(tensor.fileOffset % file.alignment, 0, name)
      let expected = file.floats(of: try XCTUnwrap(file.tensor(named: name + ".expected")))
      let actual = file.floats(of: tensor)
      XCTAssertEqual(actual.count, expected.count, name)
      let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
      XCTAssertLessThanOrEqual(worst, 1e-6, "\(name): largest difference \(worst)")
    }
  }

  func testMatrixRowsDequantiseLikeTheWholeTensor() throws {
    let file = try GGUFFile(path: try FixtureFiles.path("tensors.gguf"))
    let tensor = try XCTUnwrap(file.tensor(named: "q4_k"))
    let matrix = try WeightMatrix(file: file, tensor: tensor)
    XCTAssertEqual(matrix.rows, 4)
    XCTAssertEqual(matrix.columns, 256)
    let whole = file.floats(of: tensor)
    var row = [Float](repeating: 0, count: 256)
    row.withUnsafeMutableBufferPointer { matrix.dequantizeRow(2, into: $0.baseAddress!) }
    XCTAssertEqual(row, Array(whole[512..<768]))
  }

  func testRejectsFilesThatAreNotGGUF() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-gguf-\(UUID().uuidString)").path
    try Data(repeating: 7, count: 64).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    XCTAssertThrowsError(try GGUFFile(path: path)) { error in
      guard case GGUFError.notGGUF = error else { return XCTFail("unexpected error \(error)") }
    }
    XCTAssertThrowsError(try GGUFFile(path: path + ".missing"))
  }
}
