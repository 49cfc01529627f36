import Dispatch

/// Large matrix products split into blocks of rows (or columns) of the result, one per thread.
///
/// OpenBLAS's own threads wait for work by spinning (`sched_yield`); on a machine shared with other jobs, that made
/// a CLRS training step at H = 128 slower with two threads than with one. Here OpenBLAS runs single-threaded and
/// each block is an independent single-threaded GEMM on a Dispatch worker, which sleeps when idle.
public enum ParallelGEMM {
  /// Threads a large product is split over (1: no splitting). Processes that train several models side by side
  /// keep 1.
  nonisolated(unsafe) public static var threadCount = 1

  /// Products below this many multiply-adds run on one thread.
  static let minimumWork = 1 << 22

  /// `C = alpha * op(A) * op(B) + beta * C` as `BLAS.gemm`, split over `threadCount` threads when large.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int, beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    let threads = threadCount
    guard threads > 1, m * n * k >= minimumWork, Swift.max(m, n) >= 16 * threads else {
      BLAS.gemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: beta,
        c: c, ldc: ldc)
      return
    }
    nonisolated(unsafe) let a = a
    nonisolated(unsafe) let b = b
    nonisolated(unsafe) let c = c
    let splitRows = m >= n
    let total = splitRows ? m : n
    DispatchQueue.concurrentPerform(iterations: threads) { part in
      let start = total * part / threads
      let end = total * (part + 1) / threads
      guard end > start else { return }
      if splitRows {
        // Rows of op(A) and of C.
        BLAS.gemm(
          transposeA: transposeA, transposeB: transposeB, m: end - start, n: n, k: k,
          a: transposeA ? a + start : a + start * lda, lda: lda, b: b, ldb: ldb, beta: beta, c: c + start * ldc,
          ldc: ldc)
      } else {
        // Columns of op(B) and of C.
        BLAS.gemm(
          transposeA: transposeA, transposeB: transposeB, m: m, n: end - start, k: k, a: a, lda: lda,
          b: transposeB ? b + start * ldb : b + start, ldb: ldb, beta: beta, c: c + start, ldc: ldc)
      }
    }
  }
}
