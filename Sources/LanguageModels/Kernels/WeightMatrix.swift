/// A weight matrix read in place from a GGUF mapping: `rows` output rows of `columns` contiguous input values.
///
/// Matrix-vector products run fused kernels straight on the stored blocks (`GGMLTypeTraits`): quantised types
/// against 8-bit activations, float types against rounded floats.
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
  /// The type's table entry.
  let traits: GGMLTypeTraits

  /// Wraps a two-dimensional GGUF tensor.
  public init(file: GGUFFile, tensor: GGUFTensorInfo) throws {
    guard tensor.shape.count == 2 || (tensor.shape.count == 1) else {
      throw GGUFError.badTensorShape(name: tensor.name, shape: tensor.shape)
    }
    type = tensor.type
    traits = tensor.type.traits
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

  /// `output[r] = dot(row r, input)` for rows `range`.
  @inline(__always)
  func multiply(rows range: Range<Int>, input: ProjectionInput, output: UnsafeMutablePointer<Float>) {
    traits.multiply(data, rowBytes, range, columns, input, output)
  }

  /// `multiply` for four inputs (`inputs.input(row: first + i)` to `outputs + i · outputStride`): one pass over
  /// the weights where the type has a four-row kernel, results identical to four separate calls.
  @inline(__always)
  func multiplyFour(
    rows range: Range<Int>, first: Int, inputs: ProjectionInputs, outputs: UnsafeMutablePointer<Float>,
    outputStride: Int
  ) {
    let x0 = inputs.input(row: first, columns: columns)
    let x1 = inputs.input(row: first + 1, columns: columns)
    let x2 = inputs.input(row: first + 2, columns: columns)
    let x3 = inputs.input(row: first + 3, columns: columns)
    let o0 = outputs + first * outputStride
    let o1 = o0 + outputStride
    let o2 = o1 + outputStride
    let o3 = o2 + outputStride
    guard let four = traits.multiplyFour else {
      multiply(rows: range, input: x0, output: o0)
      multiply(rows: range, input: x1, output: o1)
      multiply(rows: range, input: x2, output: o2)
      multiply(rows: range, input: x3, output: o3)
      return
    }
    four(data, rowBytes, range, columns, (x0, x1, x2, x3), (o0, o1, o2, o3))
  }

  /// Weight rows per tile of a batched product: a tile stays in cache while every input passes over it.
  static let tileRows = 32

  /// Rows `range` times the first `count` prepared inputs (`outputs + i · outputStride` for input `i`), as a
  /// batched prompt multiplies one tile of rows: the type's tile kernel where it has one and there are at least
  /// four inputs to share the unpacking (a decoded token has one), else four inputs per pass and the rest one at a
  /// time. Results are identical to `multiply` per input.
  @inline(__always)
  func multiplyBatch(
    rows range: Range<Int>, inputs: ProjectionInputs, count: Int, outputs: UnsafeMutablePointer<Float>,
    outputStride: Int
  ) {
    if count >= 4, let tile = traits.multiplyTile {
      tile(data, rowBytes, range, columns, inputs, count, outputs, outputStride)
      return
    }
    var r = 0
    while r + 4 <= count {
      multiplyFour(rows: range, first: r, inputs: inputs, outputs: outputs, outputStride: outputStride)
      r += 4
    }
    while r < count {
      multiply(rows: range, input: inputs.input(row: r, columns: columns), output: outputs + r * outputStride)
      r += 1
    }
  }

  /// Which kernel `products(with:kernel:)` runs.
  public enum Kernel: Sendable, CaseIterable {
    /// The fastest this machine has (AVX2 on x86-64), one input at a time.
    case fastest
    /// The plain-Swift fallback.
    case portable
    /// The kernels of a batched prompt (`multiplyBatch`): a tile of rows unpacked once for every input, or four
    /// inputs per pass over the weights, where the type has such a kernel.
    case batched
  }

  /// `W · x` for every input (each `columns` values), with the activation rounding or quantisation a forward pass
  /// applies: the products the runtime computes, exposed for tests and benchmarks.
  public func products(with inputs: [[Float]], kernel: Kernel = .fastest) -> [[Float]] {
    let count = inputs.count
    guard count > 0 else { return [] }
    let prepared = ProjectionInputs(capacity: count, width: columns)
    defer { prepared.deallocate() }
    var flat = [Float](repeating: 0, count: count * columns)
    for (i, input) in inputs.enumerated() {
      precondition(input.count == columns, "an input of \(input.count) values for \(columns) columns")
      flat.replaceSubrange((i * columns)..<((i + 1) * columns), with: input)
    }
    var results = [Float](repeating: 0, count: count * rows)
    flat.withUnsafeBufferPointer { x in
      prepared.prepare(for: type, from: x.baseAddress!, rows: count, columns: columns)
    }
    results.withUnsafeMutableBufferPointer { out in
      let output = out.baseAddress!
      if kernel == .batched {
        for start in stride(from: 0, to: rows, by: Self.tileRows) {
          multiplyBatch(
            rows: start..<min(start + Self.tileRows, rows), inputs: prepared, count: count, outputs: output,
            outputStride: rows)
        }
        return
      }
      for i in 0..<count {
        let input = prepared.input(row: i, columns: columns)
        if kernel == .portable {
          traits.multiplyPortable(data, rowBytes, 0..<rows, columns, input, output + i * rows)
        } else {
          multiply(rows: 0..<rows, input: input, output: output + i * rows)
        }
      }
    }
    return (0..<count).map { Array(results[($0 * rows)..<(($0 + 1) * rows)]) }
  }
}
