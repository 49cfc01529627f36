import Foundation
import Sessions
import XCTest

/// One writer per session: the lock refuses a second writer (naming the holder), readers need no lock, and the
/// lock goes with the log that holds it.
final class SessionLockTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-lock-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  func testASecondWriterIsRefusedWithTheHoldersPID() throws {
    let log = try EventLog.create(at: folder)
    try log.append(.roundStarted(round: 1))
    XCTAssertThrowsError(try EventLog.open(at: folder)) { error in
      XCTAssertEqual(error as? SessionError, .locked(path: folder.path, holder: getpid()))
      XCTAssertTrue("\(error)".contains("PID \(getpid())"), "\(error)")
    }
    XCTAssertThrowsError(try SessionLock.acquire(in: folder)) { error in
      XCTAssertEqual(error as? SessionError, .locked(path: folder.path, holder: getpid()))
    }
    // Readers take no lock.
    XCTAssertEqual(try EventLog.read(at: folder).events.count, 1)
    withExtendedLifetime(log) {}
  }

  func testTheLockIsReleasedWithTheLog() throws {
    var log: EventLog? = try EventLog.create(at: folder)
    try log?.append(.roundStarted(round: 1))
    log = nil
    let (reopened, events) = try EventLog.open(at: folder)
    XCTAssertEqual(events.count, 1)
    try reopened.append(.roundFinished(round: 1))
    XCTAssertEqual(try EventLog.read(at: folder).events.map(\.sequence), [1, 2])
  }

  func testALockTakenEarlyIsTheOneTheLogKeeps() throws {
    _ = try EventLog.create(at: folder)
    let lock = try SessionLock.acquire(in: folder)
    let (log, _) = try EventLog.open(at: folder, lock: lock)
    XCTAssertTrue(log.lock === lock)
    XCTAssertThrowsError(try SessionLock.acquire(in: folder))
  }

  /// Another process that takes the session's lock with flock(1) and then runs `afterLocking` (a shell snippet
  /// that must say "locked"; `$0` is the lock file). The shell execs sleep at the end, so one process holds the
  /// descriptor and killing it closes the last copy. Returns once it said "locked" (flock -w: a shell that cannot
  /// get the lock gives up, which ends the read).
  func startHolder(afterLocking: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c", "exec 9<>\"$0\" && /usr/bin/flock -w 10 -x 9 && \(afterLocking) && exec sleep 30",
      folder.appendingPathComponent(SessionLock.fileName).path,
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    XCTAssertEqual(String(decoding: output.fileHandleForReading.readData(ofLength: 7), as: UTF8.self), "locked\n")
    return process
  }

  func testAKilledHolderLeavesNoStaleLock() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("no flock(1)") }
    _ = try EventLog.create(at: folder)
    // Another process takes the lock, writes its PID over this test's, and then dies by SIGKILL, as a killed search
    // would.
    let process = try startHolder(afterLocking: "echo $$ >\"$0\" && echo locked")
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    XCTAssertThrowsError(try SessionLock.acquire(in: folder)) { error in
      XCTAssertEqual(error as? SessionError, .locked(path: folder.path, holder: process.processIdentifier))
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    XCTAssertNoThrow(try SessionLock.acquire(in: folder))
  }

  func testAPreviousHoldersPIDIsNotNamedForTheCurrentHolder() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("no flock(1)") }
    _ = try EventLog.create(at: folder)
    // A session copied with its lock file (or left by a killed run) names a process that has exited.
    let exited = Process()
    exited.executableURL = URL(fileURLWithPath: "/bin/true")
    try exited.run()
    exited.waitUntilExit()
    try "\(exited.processIdentifier)\n".write(
      to: folder.appendingPathComponent(SessionLock.fileName), atomically: false, encoding: .utf8)
    // The new holder says "locked" before it writes its PID, as a resume does between flock and pwrite.
    let process = try startHolder(afterLocking: "echo locked && sleep 0.05 && echo $$ >\"$0\"")
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    XCTAssertThrowsError(try SessionLock.acquire(in: folder)) { error in
      XCTAssertEqual(error as? SessionError, .locked(path: folder.path, holder: process.processIdentifier))
    }
  }

  func testOpeningAFolderWithoutALogCreatesNoLockFile() throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    XCTAssertThrowsError(try EventLog.open(at: folder)) { XCTAssertTrue("\($0)".contains("no session log")) }
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(SessionLock.fileName).path))
  }
}
