/// The element types of ggml tensors that this runtime reads. Their layouts and kernels are in `GGMLTypeTraits`.
public enum GGMLType: UInt32, Sendable, CaseIterable {
  case f32 = 0
  case f16 = 1
  case q4_0 = 2
  case q4_1 = 3
  case q5_0 = 6
  case q8_0 = 8
  case q4_K = 12
  case q6_K = 14
  case bf16 = 30

  /// Number of values stored in one block.
  public var blockSize: Int { traits.blockSize }

  /// Bytes taken by one block.
  public var blockBytes: Int { traits.blockBytes }

  /// Bytes taken by `count` values (a multiple of the block size).
  public func byteCount(values count: Int) -> Int {
    count / blockSize * blockBytes
  }
}
