import Dispatch

/// Splits a range of independent work items (matrix rows, heads) over a few threads.
enum ParallelRows {
  /// Calls `body` on disjoint consecutive sub-ranges covering `0..<count`, on up to `threads` threads at once,
  /// and returns when all finish.
  ///
  /// The range is cut into four chunks per thread, claimed dynamically: on a shared machine a thread that the OS
  /// has descheduled then holds up only a small chunk, not half the work.
  static func forEachChunk(count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    if threads <= 1 || count < 2 {
      body(0..<count)
      return
    }
    let chunks = min(count, threads * 4)
    withoutActuallyEscaping(body) { escapable in
      // Each chunk writes a disjoint range, so sharing the closure across threads is safe.
      nonisolated(unsafe) let work = escapable
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        work((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
      }
    }
  }
}
