import CBLAS

/// Thin, typed entry points to the OpenBLAS routines the engine uses (row-major, `Int32` sizes).
public enum BLAS {
  /// `C = alpha * op(A) * op(B) + beta * C` for row-major matrices; op is a transpose when the flag is set.
  @inline(__always)
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      if beta == 0 { for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) } }
      return
    }
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// Sets how many threads OpenBLAS may use in this process (1 when several candidates train side by side).
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(Swift.max(count, 1)))
  }

  /// The number of threads OpenBLAS uses.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }
}
