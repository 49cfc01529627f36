import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The one-writer lock of a session folder: an exclusive `flock` on `session.lock`, held while this value lives.
///
/// The kernel drops the lock when the process ends, however it ends (SIGKILL included), so a crashed run never
/// leaves a stale lock behind. The file holds the holder's PID for the refusal message of the next writer; it is
/// never deleted (deleting a lock file lets two processes lock two different files). Readers (`report`, `replay`,
/// `export`) take no lock. The descriptor is opened close-on-exec, so worker processes never inherit the lock.
public final class SessionLock: Sendable {
  public static let fileName = "session.lock"

  /// The session folder this lock protects.
  public let directory: URL
  private let descriptor: Int32

  private init(directory: URL, descriptor: Int32) {
    self.directory = directory
    self.descriptor = descriptor
  }

  deinit {
    // An empty file says "no holder" to the next refusal; closing the only descriptor releases the flock.
    _ = ftruncate(descriptor, 0)
    _ = close(descriptor)
  }

  /// Takes the lock of the existing folder `directory`, or throws `SessionError.locked` naming the holder's PID
  /// when another process has it. Never waits.
  public static func acquire(in directory: URL) throws -> SessionLock {
    let path = directory.appendingPathComponent(fileName).path
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      if errno == ENOENT {
        throw SessionError.missingLog(path: directory.appendingPathComponent(EventLog.fileName).path)
      }
      throw SessionError.writeFailed(path: path, detail: String(cString: strerror(errno)))
    }
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      if errno == EINTR { continue }
      let failure = errno
      let holder = failure == EWOULDBLOCK ? holderPID(descriptor) : nil
      _ = close(descriptor)
      guard failure == EWOULDBLOCK else {
        throw SessionError.writeFailed(path: path, detail: String(cString: strerror(failure)))
      }
      throw SessionError.locked(path: directory.path, holder: holder)
    }
    // Ours now: record who holds it.
    let pid = Array("\(getpid())\n".utf8)
    guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, pid, pid.count, 0) == pid.count else {
      let detail = String(cString: strerror(errno))
      _ = close(descriptor)
      throw SessionError.writeFailed(path: path, detail: detail)
    }
    return SessionLock(directory: directory, descriptor: descriptor)
  }

  /// The PID the holder wrote, waiting briefly for a holder that has the lock but has not written it yet. A PID of
  /// a process that no longer exists is a previous holder's (one killed, or a session copied with its lock file)
  /// and is waited past, as an empty file is.
  private static func holderPID(_ descriptor: Int32) -> Int32? {
    for _ in 0..<20 {
      var buffer = [UInt8](repeating: 0, count: 32)
      let count = pread(descriptor, &buffer, buffer.count, 0)
      if count > 0, let text = String(bytes: buffer[..<count], encoding: .utf8),
        let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), isAlive(pid)
      {
        return pid
      }
      usleep(10_000)
    }
    return nil
  }

  private static func isAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }
}
