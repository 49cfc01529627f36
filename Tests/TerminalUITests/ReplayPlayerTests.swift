import Sessions
import TerminalUI
import XCTest

final class ReplayPlayerTests: XCTestCase {
  let events = SampleSession.events

  func testAdvancesAtTheRecordedPaceTimesTheSpeed() {
    // Events are 2 s apart; at 10x, 1 s of wall time covers 10 recorded seconds: events at 0, 2, …, 10.
    var player = ReplayPlayer(events: events, speed: 10)
    XCTAssertEqual(player.advance(wallSeconds: 0).count, 1)
    XCTAssertEqual(player.advance(wallSeconds: 1).count, 5)
    XCTAssertEqual(player.position, 6)
    XCTAssertEqual(player.secondsUntilNextEvent ?? -1, 0.2, accuracy: 1e-9)
    player.paused = true
    XCTAssertTrue(player.advance(wallSeconds: 100).isEmpty)
    player.paused = false
    _ = player.advance(wallSeconds: 100)
    XCTAssertTrue(player.isFinished)
    XCTAssertEqual(player.state, SessionState(events: events))
  }

  func testSteppingBackRefoldsTheState() {
    var player = ReplayPlayer(events: events, speed: 1)
    player.seek(to: 20)
    player.control(.step(-5))
    XCTAssertTrue(player.paused)
    XCTAssertEqual(player.position, 15)
    XCTAssertEqual(player.state, SessionState(events: Array(events.prefix(15))))
    player.control(.scaleSpeed(2))
    XCTAssertEqual(player.speed, 2)
  }

  func testJumpsBetweenRounds() {
    var player = ReplayPlayer(events: events, speed: 1)
    player.control(.jumpRound(1))
    XCTAssertEqual(player.state.currentRound, 1)
    XCTAssertTrue(player.state.roundInProgress)
    XCTAssertTrue(player.state.orderedCandidates.allSatisfy { $0.round == 0 })
    player.control(.jumpRound(1))
    XCTAssertEqual(player.state.currentRound, 2)
    player.control(.jumpRound(-1))
    XCTAssertEqual(player.state.currentRound, 1)
    player.control(.jumpRound(-1))
    XCTAssertEqual(player.position, 0)
  }

  func testRecordedRepliesBecomeTheLog() {
    var player = ReplayPlayer(events: events, speed: 1)
    player.seek(to: events.count)
    let log = player.replyLog()
    XCTAssertEqual(log.first, "── c1 · round 1 · prompt 1 sample 1")
    XCTAssertTrue(log.contains("```python"))
  }

  func testASeekAfterTheEndStaysWhereItLands() {
    var player = ReplayPlayer(events: events, speed: 1_000_000)
    _ = player.advance(wallSeconds: 1_000)
    XCTAssertTrue(player.isFinished)
    XCTAssertFalse(player.paused)
    player.control(.jumpRound(-1))
    let landed = player.position
    XCTAssertLessThan(landed, events.count)
    XCTAssertTrue(player.paused, "the jump pauses instead of replaying to the end again")
    XCTAssertTrue(player.advance(wallSeconds: 1_000).isEmpty)
    XCTAssertEqual(player.position, landed)
  }

  func testTheHeaderAndTheTimelineWriteTheSpeedAlike() {
    var model = UIModel(mode: .replay)
    var player = ReplayPlayer(events: events, speed: 10)
    for _ in 0..<5 { player.control(.scaleSpeed(0.5)) }
    XCTAssertEqual(player.speed, 0.3125)
    model.replay = player.status
    let text = FrameRenderer.render(model, player.state, width: 120, height: 40).text
    XCTAssertEqual(text.components(separatedBy: "0.312x").count - 1, 2, "header and timeline:\n\(text)")
    XCTAssertFalse(text.contains("1/3x"))
    XCTAssertEqual(
      [10_000, 100, 10, 2.5, 1.25, 1, 0.625, 1.0 / 64].map(ReplayStatus.speedText),
      ["10000x", "100x", "10x", "2.5x", "1.25x", "1x", "0.625x", "0.0156x"])
  }
}
