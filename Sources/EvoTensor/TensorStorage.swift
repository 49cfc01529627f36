/// A reference-counted, fixed-size buffer of `Float` that one or more tensors view.
///
/// Views (reshape, permute, slices) share a storage; every op that produces new values allocates a new one.
public final class TensorStorage: @unchecked Sendable {
  /// The first element; valid for `count` elements while the storage lives.
  public let pointer: UnsafeMutablePointer<Float>
  /// The number of elements.
  public let count: Int

  /// Allocates `count` elements filled with `value`.
  public init(count: Int, repeating value: Float) {
    _ = AllocatorTuning.applied
    self.count = count
    pointer = StoragePool.shared.take(count)
    pointer.initialize(repeating: value, count: count)
  }

  /// Allocates `count` elements whose values the caller must write before reading.
  public init(uninitializedCount count: Int) {
    _ = AllocatorTuning.applied
    self.count = count
    pointer = StoragePool.shared.take(count)
  }

  /// Copies `values` into a new storage.
  public init(_ values: [Float]) {
    _ = AllocatorTuning.applied
    count = values.count
    pointer = StoragePool.shared.take(count)
    values.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { pointer.initialize(from: base, count: count) }
    }
  }

  deinit { StoragePool.shared.give(pointer, count: count) }

  /// The whole buffer.
  @inlinable public var buffer: UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(start: pointer, count: count)
  }
}
