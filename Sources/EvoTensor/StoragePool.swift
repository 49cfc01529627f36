import Foundation

/// Large tensor buffers kept after use and handed out again for the same size.
///
/// Training a recurrent network allocates the same few megabyte-sized activations at every step, hundreds per
/// training step, and frees them all in backward. glibc gives the freed top of the heap back to the system
/// (`M_TRIM_THRESHOLD`), so the next step faulted every page in again: a third of the CPU time of a CLRS training
/// step at H = 128 went to zeroing fresh pages. Buffers of at least `minimumCount` floats come from here instead, up
/// to `capacityBytes` held at once.
final class StoragePool: @unchecked Sendable {
  static let shared = StoragePool()
  /// Buffers smaller than this (in floats) use the allocator directly.
  let minimumCount = 1 << 16
  /// At most this much memory (bytes) is held in unused buffers; a quarter of the machine's memory.
  let capacityBytes = Int(ProcessInfo.processInfo.physicalMemory / 4)
  private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
  private var heldBytes = 0
  private let lock = NSLock()

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
