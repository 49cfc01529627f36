/// The element types of ggml tensors that this runtime reads, with their block layout.
public enum GGMLType: UInt32, Sendable, CaseIterable {
  case f32 = 0
  case f16 = 1
  case q4_0 = 2
  case q4_1 = 3
  case q8_0 = 8
  case q4_K = 12
  case q6_K = 14
  case bf16 = 30

  /// Number of values stored in one block.
  public var blockSize: Int {
    switch self {
    case .f32, .f16, .bf16: return 1
    case .q4_0, .q4_1, .q8_0: return 32
    case .q4_K, .q6_K: return 256
    }
  }

  /// Bytes taken by one block.
  public var blockBytes: Int {
    switch self {
    case .f32: return 4
    case .f16, .bf16: return 2
    case .q4_0: return 18
    case .q4_1: return 20
    case .q8_0: return 34
    case .q4_K: return 144
    case .q6_K: return 210
    }
  }

  /// Bytes taken by `count` values (a multiple of the block size).
  public func byteCount(values count: Int) -> Int {
    count / blockSize * blockBytes
  }
}
