import Dispatch

/// Splits a range of independent work items (matrix rows, heads) over a few threads.
enum ParallelRows {
  /// Calls `body` on `threads` disjoint consecutive sub-ranges of `0..<count` at once, and returns when all finish.
  static func forEachChunk(count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    if threads <= 1 || count < 2 {
      body(0..<count)
      return
    }
    withoutActuallyEscaping(body) { escapable in
      // Each chunk writes a disjoint range, so sharing the closure across threads is safe.
      nonisolated(unsafe) let work = escapable
      DispatchQueue.concurrentPerform(iterations: threads) { chunk in
        work((count * chunk / threads)..<(count * (chunk + 1) / threads))
      }
    }
  }
}
