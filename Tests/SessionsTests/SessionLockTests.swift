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

  func testAKilledHolderLeavesNoStaleLock() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("no flock(1)") }
    _ = try EventLog.create(at: folder)
    // Another process takes the lock and then dies by SIGKILL, as a killed search would: one process (the shell
    // execs sleep) holds the descriptor, so killing it closes the last copy.
    let lockPath = folder.appendingPathComponent(SessionLock.fileName).path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    // The shell says "locked" once it holds the lock and has written its PID over this test's: the event the test
    // waits for (flock -w: a shell that cannot get the lock gives up, which ends the read below).
    process.arguments = [
      "-c", "exec 9<>\"$0\" && /usr/bin/flock -w 10 -x 9 && echo $$ >\"$0\" && echo locked && exec sleep 30", lockPath,
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    XCTAssertEqual(String(decoding: output.fileHandleForReading.readData(ofLength: 7), as: UTF8.self), "locked\n")
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
    let lockPath = folder.appendingPathComponent(SessionLock.fileName).path
    try "\(exited.processIdentifier)\n".write(toFile: lockPath, atomically: false, encoding: .utf8)
    // The new holder says "locked" before it writes its PID, as a resume does between flock and pwrite.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c",
      "exec 9<>\"$0\" && /usr/bin/flock -w 10 -x 9 && echo locked && sleep 0.05 && echo $$ >\"$0\" && exec sleep 30",
      lockPath,
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    XCTAssertEqual(String(decoding: output.fileHandleForReading.readData(ofLength: 7), as: UTF8.self), "locked\n")
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
