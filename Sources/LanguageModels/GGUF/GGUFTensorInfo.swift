/// Where one tensor lives inside a GGUF file and what it holds.
public struct GGUFTensorInfo: Sendable {
  /// The tensor's name, e.g. `blk.0.attn_q.weight`.
  public let name: String
  /// Dimensions as GGUF stores them: `shape[0]` is the contiguous (row) dimension.
  public let shape: [Int]
  /// The element type.
  public let type: GGMLType
  /// Byte offset from the start of the file (data section offset already added).
  public let fileOffset: Int

  /// Total number of values.
  public var elementCount: Int { shape.reduce(1, *) }
  /// Total bytes of tensor data.
  public var byteCount: Int { type.byteCount(values: elementCount) }
}
