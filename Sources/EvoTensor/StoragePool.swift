import Foundation

/// Large tensor buffers kept after use and handed out again for the same size.
///
/// Training a recurrent network allocates the same few megabyte-sized activations at every step, hundreds per
/// training step, and frees them all in backward. glibc gives the freed top of the heap back to the system
/// (`M_TRIM_THRESHOLD`), so the next step faulted every page in again: a third of the CPU time of a CLRS training
/// step at H = 128 went to zeroing fresh pages. Buffers of at least `minimumCount` floats come from here instead, up
/// to `capacityBytes` held at once. Off until a process turns it on (`TensorBufferPool.enable`): a process that
/// trains one large model wants it, one that runs many small jobs with memory limits does not.
final class StoragePool: @unchecked Sendable {
  static let shared = StoragePool()
  /// Buffers smaller than this (in floats) use the allocator directly.
  let minimumCount = 1 << 16
  /// At most this much memory (bytes) is held in unused buffers (0: the pool is off).
  private var capacityBytes = 0
  private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
  private var heldBytes = 0
  private let lock = NSLock()

  /// Keeps up to `bytes` of freed large buffers for reuse (0 turns the pool off).
  func setCapacity(_ bytes: Int) {
    lock.lock()
    capacityBytes = Swift.max(bytes, 0)
    lock.unlock()
  }

  /// A buffer of `count` floats (uninitialised).
  func take(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count >= minimumCount {
      lock.lock()
      let reused = free[count]?.popLast()
      if reused != nil { heldBytes -= count * MemoryLayout<Float>.stride }
      lock.unlock()
      if let reused { return reused }
    }
    return .allocate(capacity: max(count, 1))
  }

  /// Returns a buffer from `take` (of the same `count`).
  func give(_ pointer: UnsafeMutablePointer<Float>, count: Int) {
    if count >= minimumCount {
      let bytes = count * MemoryLayout<Float>.stride
      lock.lock()
      if heldBytes + bytes <= capacityBytes {
        free[count, default: []].append(pointer)
        heldBytes += bytes
        lock.unlock()
        return
      }
      lock.unlock()
    }
    pointer.deallocate()
  }
}

/// Reuse of large tensor buffers across training steps (see `StoragePool`).
public enum TensorBufferPool {
  /// Keeps up to `capacityBytes` of freed buffers of 256 KB or more for tensors of the same size.
  public static func enable(capacityBytes: Int = Int(ProcessInfo.processInfo.physicalMemory / 4)) {
    StoragePool.shared.setCapacity(capacityBytes)
  }
}
