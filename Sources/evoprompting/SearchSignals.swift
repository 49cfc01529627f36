import Evolution
import Foundation

/// Ctrl-C handling for a running search: the first interrupt stops after the evaluations in flight, the second
/// stops at once. Either way the session log is intact and `resume` continues.
enum SearchSignals {
  static func runInterruptibly(_ run: SearchRun) async throws {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    let interrupts = InterruptCounter()
    source.setEventHandler {
      if interrupts.increment() == 1 {
        FileHandle.standardError.write(
          Data("\ninterrupted: finishing the evaluations in flight (Ctrl-C again to stop now)\n".utf8))
        Task { await run.requestPause() }
      } else {
        FileHandle.standardError.write(
          Data("\nstopped; continue with: evoprompting resume \(run.log.directory.path)\n".utf8))
        exit(130)
      }
    }
    source.resume()
    defer { source.cancel() }
    try await run.run()
    if await !run.state.finished {
      print("paused; continue with: evoprompting resume \(run.log.directory.path)")
    }
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
