import LanguageModels
import XCTest

/// The fused dot-product kernels on quantised blocks against exact products made by `scripts/make_kernel_fixtures.py`
/// (weights decoded by the gguf package, activations quantised as ggml quantises them), and the AVX2, portable and
/// batched kernels against each other, bit for bit.
final class QuantizedKernelTests: XCTestCase {
  static let types: [(String, GGMLType)] = [
    ("q4_0", .q4_0), ("q4_1", .q4_1), ("q5_0", .q5_0), ("q8_0", .q8_0), ("q4_k", .q4_K), ("q6_k", .q6_K),
  ]

  func testKernelsMatchExactProductsOfTheQuantisedValues() throws {
    let file = try GGUFFile(path: try FixtureFiles.path("kernels.gguf"))
    let inputs = try rows(of: "inputs", in: file)
    for (name, type) in Self.types {
      let matrix = try WeightMatrix(file: file, tensor: try XCTUnwrap(file.tensor(named: name), name))
      XCTAssertEqual(matrix.type, type, name)
      let expected = try rows(of: name + ".expected", in: file)
      let actual = matrix.products(with: inputs)
      for (i, (row, reference)) in zip(actual, expected).enumerated() {
        let magnitude = reference.map(abs).max() ?? 1
        let worst = zip(row, reference).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, 2e-5 * max(magnitude, 1), "\(name), input \(i): largest difference \(worst)")
      }
    }
  }

  func testPortableAndBatchedKernelsAreBitIdenticalToTheFastest() throws {
    let file = try GGUFFile(path: try FixtureFiles.path("kernels.gguf"))
    let inputs = try rows(of: "inputs", in: file)
    // Seven inputs: one four-input pass and three single inputs.
    let batch = inputs + inputs.prefix(1).map { $0.map { -0.5 * $0 } }
    for (name, _) in Self.types {
      let matrix = try WeightMatrix(file: file, tensor: try XCTUnwrap(file.tensor(named: name), name))
      let fastest = matrix.products(with: batch, kernel: .fastest)
      for kernel in [WeightMatrix.Kernel.portable, .batched] {
        let other = matrix.products(with: batch, kernel: kernel)
        for (i, (a, b)) in zip(fastest, other).enumerated() {
          XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "\(name), \(kernel), input \(i)")
        }
      }
    }
  }

  func testQ5_0DecodesLikeTheReference() throws {
    let file = try GGUFFile(path: try FixtureFiles.path("kernels.gguf"))
    let decoded = file.floats(of: try XCTUnwrap(file.tensor(named: "q5_0")))
    let expected = file.floats(of: try XCTUnwrap(file.tensor(named: "q5_0.decoded")))
    XCTAssertEqual(decoded, expected)
  }

  private func rows(of name: String, in file: GGUFFile) throws -> [[Float]] {
    let tensor = try XCTUnwrap(file.tensor(named: name), name)
    let values = file.floats(of: tensor)
    let width = tensor.shape[0]
    return stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
  }
}
