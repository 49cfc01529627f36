import Dispatch

/// A weight matrix read in place from a GGUF mapping: `rows` output rows of `columns` contiguous input values.
///
/// Matrix-vector products run fused kernels straight on the quantised blocks (F32, Q4_0, Q4_1, Q8_0); other types
/// are dequantised one row at a time into a small scratch buffer.
public struct WeightMatrix: @unchecked Sendable {
  /// Storage type of the elements.
  public let type: GGMLType
  /// Number of output rows (GGUF `shape[1]`).
  public let rows: Int
  /// Number of values per row (GGUF `shape[0]`).
  public let columns: Int
  /// First byte of row 0 (inside the file mapping, or an owned allocation kept alive by `owner`).
  public let data: UnsafeRawPointer
  /// Bytes per row.
  public let rowBytes: Int
  /// Keeps the memory behind `data` alive.
  let owner: AnyObject

  /// Wraps a two-dimensional GGUF tensor.
  public init(file: GGUFFile, tensor: GGUFTensorInfo) throws {
    guard tensor.shape.count == 2 || (tensor.shape.count == 1) else {
      throw GGUFError.badTensorShape(name: tensor.name, shape: tensor.shape)
    }
    type = tensor.type
    columns = tensor.shape[0]
    rows = tensor.shape.count == 2 ? tensor.shape[1] : 1
    data = file.data(of: tensor)
    rowBytes = tensor.type.byteCount(values: columns)
    owner = file
  }

  /// Decodes row `row` into `destination` (`columns` floats).
  @inline(__always)
  public func dequantizeRow(_ row: Int, into destination: UnsafeMutablePointer<Float>) {
    GGMLDequantizer.dequantize(type, source: data + row * rowBytes, count: columns, into: destination)
  }

  /// Decodes rows `range` into consecutive rows of `destination`.
  public func dequantizeRows(_ range: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    GGMLDequantizer.dequantize(
      type, source: data + range.lowerBound * rowBytes, count: range.count * columns, into: destination)
  }

  /// Whether products with this matrix use 8-bit quantised activations (`QuantizedActivation`) rather than floats.
  public var usesQuantizedActivations: Bool { type == .q4_0 || type == .q4_1 || type == .q8_0 }

  /// `output[r] = dot(row r, input)` for rows `range`: `activation` for the 8-bit block types, `input` (already
  /// rounded as llama.cpp rounds it) otherwise.
  func multiply(
    rows range: Range<Int>, input: UnsafePointer<Float>, activation: QuantizedActivation,
    output: UnsafeMutablePointer<Float>
  ) {
    let blocks = columns / 32
    switch type {
    case .f32:
      for r in range { output[r] = MatrixKernels.dotF32(data + r * rowBytes, input, columns) }
    case .q4_0:
      for r in range { output[r] = MatrixKernels.dotQ4_0(data + r * rowBytes, activation, blocks: blocks) }
    case .q4_1:
      for r in range { output[r] = MatrixKernels.dotQ4_1(data + r * rowBytes, activation, blocks: blocks) }
    case .q8_0:
      for r in range { output[r] = MatrixKernels.dotQ8_0(data + r * rowBytes, activation, blocks: blocks) }
    case .f16, .bf16, .q4_K, .q6_K:
      withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { scratch in
        for r in range {
          dequantizeRow(r, into: scratch.baseAddress!)
          output[r] = MatrixKernels.dotF32(UnsafeRawPointer(scratch.baseAddress!), input, columns)
        }
      }
    }
  }

  /// `multiply` for the four batch rows `first..<first + 4` of `activations` (a batch of rows `columns / 32` blocks
  /// wide), writing row `i`'s results at `outputs + i · outputStride`: one pass over the weights where a kernel
  /// shares work between rows (Q4_1), results identical to four separate calls.
  func multiplyFour(
    rows range: Range<Int>, first: Int, inputs: UnsafePointer<Float>, activations: QuantizedActivation,
    outputs: UnsafeMutablePointer<Float>, outputStride: Int
  ) {
    let blocks = columns / 32
    guard type == .q4_1 else {
      for i in first..<(first + 4) {
        multiply(
          rows: range, input: inputs + i * columns, activation: activations.row(i, blocks: blocks),
          output: outputs + i * outputStride)
      }
      return
    }
    let x0 = activations.row(first, blocks: blocks)
    let x1 = activations.row(first + 1, blocks: blocks)
    let x2 = activations.row(first + 2, blocks: blocks)
    let x3 = activations.row(first + 3, blocks: blocks)
    for r in range {
      let results = MatrixKernels.dotQ4_1(data + r * rowBytes, x0, x1, x2, x3, blocks: blocks)
      outputs[first * outputStride + r] = results[0]
      outputs[(first + 1) * outputStride + r] = results[1]
      outputs[(first + 2) * outputStride + r] = results[2]
      outputs[(first + 3) * outputStride + r] = results[3]
    }
  }
}
