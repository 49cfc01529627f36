import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive `flock` on a file, held until `release()` (or until the process ends, however it ends).
final class FileLock {
  private let descriptor: Int32

  /// Takes the lock on `path` (created if missing), calling `waiting` once if another process holds it.
  init(path: String, waiting: () -> Void) throws {
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw ModelStoreError.cannotWrite(path) }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      waiting()
      while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }
  }

  /// Releases the lock.
  func release() {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
