/// Everything the runtime does with one ggml element type, in one table entry (ggml's `type_traits`): its block
/// layout, how it decodes, the activation format its rows multiply with, and its dot-product kernels.
struct GGMLTypeTraits: Sendable {
  /// `output[r] = row r · input` for rows `rows` of a matrix whose rows start at `data` and are `rowBytes` apart.
  typealias RowKernel =
    @Sendable (
      _ data: UnsafeRawPointer, _ rowBytes: Int, _ rows: Range<Int>, _ columns: Int, _ input: ProjectionInput,
      _ output: UnsafeMutablePointer<Float>
    ) -> Void
  /// The same for four inputs at once (`inputs[i]`, results at `outputs[i]`), identical to four `RowKernel` calls.
  typealias FourRowKernel =
    @Sendable (
      _ data: UnsafeRawPointer, _ rowBytes: Int, _ rows: Range<Int>, _ columns: Int,
      _ inputs: (ProjectionInput, ProjectionInput, ProjectionInput, ProjectionInput),
      _ outputs: (
        UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>,
        UnsafeMutablePointer<Float>
      )
    ) -> Void

  /// `outputs[i · outputStride + r] = row r · input i` for weight rows `rows` and the first `count` inputs
  /// (`inputs.input(row: i)`), identical to `RowKernel` calls: one tile of a batched product.
  typealias TileKernel =
    @Sendable (
      _ data: UnsafeRawPointer, _ rowBytes: Int, _ rows: Range<Int>, _ columns: Int, _ inputs: ProjectionInputs,
      _ count: Int, _ outputs: UnsafeMutablePointer<Float>, _ outputStride: Int
    ) -> Void

  /// Values per block.
  let blockSize: Int
  /// Bytes per block.
  let blockBytes: Int
  /// What the input of a product with this type is turned into first.
  let activation: ActivationFormat
  /// The fastest kernel this machine has (AVX2 on x86-64).
  let multiply: RowKernel
  /// The plain-Swift kernel: the fallback elsewhere, bit-identical to `multiply` (tests compare them).
  let multiplyPortable: RowKernel
  /// A kernel sharing weight unpacking between four inputs (batched prompts), when the type has one.
  let multiplyFour: FourRowKernel?
  /// A kernel that unpacks a tile of weight rows once for every input of a batch, when the type has one (it takes
  /// precedence over `multiplyFour`).
  var multiplyTile: TileKernel? = nil
}

extension GGMLType {
  /// This type's table entry.
  var traits: GGMLTypeTraits {
    switch self {
    case .f32: return GGMLTypeTraits.f32
    case .f16: return GGMLTypeTraits.f16
    case .bf16: return GGMLTypeTraits.bf16
    case .q4_0: return GGMLTypeTraits.q4_0
    case .q4_1: return GGMLTypeTraits.q4_1
    case .q5_0: return GGMLTypeTraits.q5_0
    case .q8_0: return GGMLTypeTraits.q8_0
    case .q4_K: return GGMLTypeTraits.q4_K
    case .q6_K: return GGMLTypeTraits.q6_K
    }
  }
}

extension GGMLTypeTraits {
  static let f32 = GGMLTypeTraits(
    blockSize: 1, blockBytes: 4, activation: .floats, multiply: multiplyF32, multiplyPortable: multiplyF32,
    multiplyFour: nil)
  static let f16 = floatTraits(.f16, bytes: 2)
  static let bf16 = floatTraits(.bf16, bytes: 2)

  static let q4_0 = blockTraits(bytes: 18, MatrixKernels.dotQ4_0, MatrixKernels.dotQ4_0Portable)
  static let q8_0 = blockTraits(bytes: 34, MatrixKernels.dotQ8_0, MatrixKernels.dotQ8_0Portable)
  static let q4_1 = blockTraits(
    bytes: 20, MatrixKernels.dotQ4_1, MatrixKernels.dotQ4_1Portable,
    four: { data, rowBytes, rows, columns, x, out in
      for r in rows {
        let results = MatrixKernels.dotQ4_1(
          data + r * rowBytes, x.0.blocks, x.1.blocks, x.2.blocks, x.3.blocks, blocks: columns / 32)
        (out.0[r], out.1[r], out.2[r], out.3[r]) = (results[0], results[1], results[2], results[3])
      }
    })
  static let q5_0 = blockTraits(
    bytes: 22, MatrixKernels.dotQ5_0, MatrixKernels.dotQ5_0Portable,
    tile: { data, rowBytes, rows, columns, inputs, count, outputs, stride in
      MatrixKernels.multiplyQ5_0Tile(
        data, rowBytes: rowBytes, rows: rows, columns: columns, inputs: inputs, count: count, outputs: outputs,
        outputStride: stride)
    })

  static let q4_K = superBlockTraits(
    bytes: 144, MatrixKernels.dotQ4_K, MatrixKernels.dotQ4_KPortable,
    four: { data, rowBytes, rows, columns, x, out in
      for r in rows {
        let results = MatrixKernels.dotQ4_K(
          data + r * rowBytes, x.0.superBlocks, x.1.superBlocks, x.2.superBlocks, x.3.superBlocks,
          blocks: columns / 256)
        (out.0[r], out.1[r], out.2[r], out.3[r]) = (results[0], results[1], results[2], results[3])
      }
    })
  static let q6_K = superBlockTraits(
    bytes: 210, MatrixKernels.dotQ6_K, MatrixKernels.dotQ6_KPortable,
    four: { data, rowBytes, rows, columns, x, out in
      for r in rows {
        let results = MatrixKernels.dotQ6_K(
          data + r * rowBytes, x.0.superBlocks, x.1.superBlocks, x.2.superBlocks, x.3.superBlocks,
          blocks: columns / 256)
        (out.0[r], out.1[r], out.2[r], out.3[r]) = (results[0], results[1], results[2], results[3])
      }
    })

  private static let multiplyF32: RowKernel = { data, rowBytes, rows, columns, input, output in
    for r in rows { output[r] = MatrixKernels.dotF32(data + r * rowBytes, input.floats, columns) }
  }

  /// F16/BF16: each row decoded into scratch, then an F32 dot product with the input rounded to the same type.
  private static func floatTraits(_ type: GGMLType, bytes: Int) -> GGMLTypeTraits {
    let kernel: RowKernel = { data, rowBytes, rows, columns, input, output in
      withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { scratch in
        for r in rows {
          GGMLDequantizer.dequantize(type, source: data + r * rowBytes, count: columns, into: scratch.baseAddress!)
          output[r] = MatrixKernels.dotF32(UnsafeRawPointer(scratch.baseAddress!), input.floats, columns)
        }
      }
    }
    return GGMLTypeTraits(
      blockSize: 1, blockBytes: bytes, activation: .floats, multiply: kernel, multiplyPortable: kernel,
      multiplyFour: nil)
  }

  /// 32-value block types, multiplied with a Q8_0/Q8_1 activation.
  private static func blockTraits(
    bytes: Int, _ dot: @escaping @Sendable (UnsafeRawPointer, QuantizedActivation, Int) -> Float,
    _ portable: @escaping @Sendable (UnsafeRawPointer, QuantizedActivation, Int) -> Float, four: FourRowKernel? = nil,
    tile: TileKernel? = nil
  ) -> GGMLTypeTraits {
    GGMLTypeTraits(
      blockSize: 32, blockBytes: bytes, activation: .blocks,
      multiply: { data, rowBytes, rows, columns, input, output in
        for r in rows { output[r] = dot(data + r * rowBytes, input.blocks, columns / 32) }
      },
      multiplyPortable: { data, rowBytes, rows, columns, input, output in
        for r in rows { output[r] = portable(data + r * rowBytes, input.blocks, columns / 32) }
      },
      multiplyFour: four, multiplyTile: tile)
  }

  /// 256-value super-block types, multiplied with a Q8_K activation.
  private static func superBlockTraits(
    bytes: Int, _ dot: @escaping @Sendable (UnsafeRawPointer, SuperBlockActivation, Int) -> Float,
    _ portable: @escaping @Sendable (UnsafeRawPointer, SuperBlockActivation, Int) -> Float,
    four: FourRowKernel? = nil
  ) -> GGMLTypeTraits {
    GGMLTypeTraits(
      blockSize: 256, blockBytes: bytes, activation: .superBlocks,
      multiply: { data, rowBytes, rows, columns, input, output in
        for r in rows { output[r] = dot(data + r * rowBytes, input.superBlocks, columns / 256) }
      },
      multiplyPortable: { data, rowBytes, rows, columns, input, output in
        for r in rows { output[r] = portable(data + r * rowBytes, input.superBlocks, columns / 256) }
      },
      multiplyFour: four)
  }
}
