import Evolution
import Foundation

/// Signals that stop a running search. The first Ctrl-C stops after the evaluations in flight and the second
/// stops at once; a hang-up (SIGHUP: the terminal closed, tmux was killed) counts as a first Ctrl-C, so the run
/// does not go on as an orphan. Either way the session log is intact and `resume` continues.
enum SearchSignals {
  static func runInterruptibly(_ run: SearchRun) async throws {
    let interrupts = InterruptCounter()
    let directory = run.log.directory.path
    let sources = [
      watch(SIGINT) {
        if interrupts.increment() == 1 {
          FileHandle.standardError.write(
            Data("\ninterrupted: finishing the evaluations in flight (Ctrl-C again to stop now)\n".utf8))
          Task { await run.requestPause() }
        } else {
          FileHandle.standardError.write(Data("\nstopped; continue with: evoprompting resume \(directory)\n".utf8))
          exit(130)
        }
      },
      watch(SIGHUP) {
        detachOutput()
        _ = interrupts.increment()
        Task { await run.requestPause() }
      },
    ]
    defer { for source in sources { source.cancel() } }
    try await run.run()
    if await !run.state.finished {
      print("paused; continue with: evoprompting resume \(directory)")
    }
  }

  /// Handles `signal` on a queue (not in the signal handler's restricted context) until the source is cancelled.
  static func watch(_ signal: Int32, _ handler: @escaping @Sendable () -> Void) -> any DispatchSourceSignal {
    Foundation.signal(signal, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
    source.setEventHandler(handler: handler)
    source.resume()
    return source
  }

  /// Points standard output and error at /dev/null: after a hang-up, writing to the terminal fails (EIO), and a
  /// failed `FileHandle` write traps, while the search still has lines to print as it finishes.
  static func detachOutput() {
    let null = open("/dev/null", O_WRONLY)
    guard null >= 0 else { return }
    _ = dup2(null, STDOUT_FILENO)
    _ = dup2(null, STDERR_FILENO)
    _ = close(null)
  }
}

/// A thread-safe counter of received interrupts.
final class InterruptCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    count += 1
    return count
  }
}
