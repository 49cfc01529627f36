import Foundation
import Sessions
import TerminalUI
import XCTest

final class FrameRendererTests: XCTestCase {
  let state = SampleSession.state

  /// Compares a frame with `Fixtures/snapshots/NAME.txt`; `UPDATE_SNAPSHOTS=1` rewrites the files in the checkout.
  func assertSnapshot(_ buffer: CellBuffer, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let text = buffer.text + "\n"
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
      let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent(
        "Fixtures/snapshots/\(name).txt")
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let url = try XCTUnwrap(
      Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/snapshots"),
      "no snapshot \(name)")
    let expected = try String(contentsOf: url, encoding: .utf8)
    XCTAssertEqual(text, expected, "frame \(name) changed:\n\(text)", file: file, line: line)
  }

  func model(_ mode: UIModel.Mode = .live) -> UIModel {
    var model = UIModel(mode: mode)
    model.now = 1_000 + 125
    model.appendLogHeading("── round 2 · prompt 1")
    model.appendLog("class Net(nn.Module):\n    def __init__(self):")
    return model
  }

  func testSnapshotsAtSeveralSizes() throws {
    for (width, height) in [(200, 60), (120, 40), (80, 24)] {
      let frame = FrameRenderer.render(model(), state, width: width, height: height)
      XCTAssertEqual(frame.text.split(separator: "\n", omittingEmptySubsequences: false).count, height)
      try assertSnapshot(frame, "main-\(width)x\(height)")
    }
  }

  func testTooSmallTerminal() throws {
    let frame = FrameRenderer.render(model(), state, width: 30, height: 8)
    XCTAssertTrue(frame.text.contains("terminal too small"))
    XCTAssertTrue(frame.text.contains("need at least 60×16"))
    try assertSnapshot(frame, "too-small-30x8")
  }

  func testHeaderShowsTaskRoundModelWorkersElapsedAndState() {
    let frame = FrameRenderer.render(model(), state, width: 120, height: 40)
    let header = frame.text.split(separator: "\n")[0]
    XCTAssertEqual(
      header, " EvoPrompting · mnist1d · round 2/3 · LM smollm2-135m (embedded) · ● training 1/2 · 02:05 · running")
  }

  func testHeaderShowsALanguageModelRetryUntilTheReplyArrives() {
    var retrying = state
    retrying.apply(
      .languageModelRetried(
        LanguageModelRetried(
          round: 2, promptIndex: 1, attempt: 1, maxAttempts: 4, delaySeconds: 2.5, reason: "server error (HTTP 503)")))
    XCTAssertTrue(
      HeaderBar.text(model(), retrying, width: 200).hasSuffix("LM attempt 1/4 failed, retrying in 3 s"),
      HeaderBar.text(model(), retrying, width: 200))
    retrying.apply(
      .candidateProposed(
        CandidateProposed(id: "c9", round: 2, origin: .proposal, parents: [], code: "", promptIndex: 1, sampleIndex: 0))
    )
    XCTAssertNil(retrying.pendingRetry)
  }

  func testHeaderShowsAnUnreachableRayHeadUntilItAnswers() {
    var waiting = state
    let executor = "ray http://127.0.0.1:8265"
    waiting.apply(
      .executorUnreachable(ExecutorUnreachable(executor: executor, reason: "connection refused", retryInSeconds: 1)))
    let frame = FrameRenderer.render(model(), waiting, width: 160, height: 40)
    let header = frame.text.split(separator: "\n")[0]
    XCTAssertTrue(
      header.hasSuffix("ray 127.0.0.1:8265 unreachable (connection refused): training paused, retrying with backoff"),
      String(header))
    waiting.apply(.executorReachable(executor: executor))
    XCTAssertTrue(HeaderBar.text(model(), waiting, width: 200).hasSuffix("running"))
    // A job the cluster lost and the search submitted again stays in the header.
    waiting.apply(
      .jobLost(JobLost(id: "c4", submissionId: "evoprompting-s-c4-1", executor: executor, reason: "node died")))
    XCTAssertTrue(
      HeaderBar.text(model(), waiting, width: 200).contains("● training 1/2 (1 lost job retried) · "),
      HeaderBar.text(model(), waiting, width: 200))
  }

  func testDetailNamesACandidatesClusterJobs() throws {
    var withJobs = state
    for attempt in 1...2 {
      withJobs.apply(
        .jobSubmitted(
          JobSubmission(
            id: "c1", attempt: attempt, submissionId: "evoprompting-s-c1-\(attempt)", executor: "ray http://h:8265")))
    }
    let record = try XCTUnwrap(withJobs.candidates["c1"])
    XCTAssertTrue(
      CandidateDetail.summaryParts(record, state: withJobs).contains("cluster job evoprompting-s-c1-2 (2 jobs)"))
  }

  func testTrainingCandidateShowsAProgressBar() {
    let frame = FrameRenderer.render(model(), state, width: 120, height: 40)
    let row = frame.text.split(separator: "\n").first { $0.contains("c4") }
    XCTAssertTrue(row?.contains("▓▓▓") == true && row?.contains("61%") == true, String(row ?? ""))
  }

  func testDetailWithDiffAndReviewPaneSnapshots() throws {
    var detail = model()
    detail.selectedID = "c1"
    detail.detailID = "c1"
    try assertSnapshot(FrameRenderer.render(detail, state, width: 100, height: 30), "detail-unified-100x30")
    detail.diffStyle = .sideBySide
    try assertSnapshot(FrameRenderer.render(detail, state, width: 100, height: 30), "detail-side-by-side-100x30")
    var review = model()
    review.beginReview(["c4"])
    let frame = FrameRenderer.render(review, state, width: 120, height: 40)
    XCTAssertTrue(frame.text.contains("Review · 1 pending"))
    XCTAssertTrue(frame.text.contains("waiting for review (1)"))
    XCTAssertTrue(frame.text.contains("+ # wider"))
    try assertSnapshot(frame, "review-120x40")
  }

  func testHelpAndReplayTimeline() throws {
    var help = model(.replay)
    help.helpVisible = true
    help.replay = ReplayStatus(position: 10, total: 30, speed: 100, paused: false, elapsed: 20, duration: 60)
    var frame = FrameRenderer.render(help, state, width: 120, height: 40)
    XCTAssertTrue(frame.text.contains("step back one event"))
    help.helpVisible = false
    frame = FrameRenderer.render(help, state, width: 120, height: 40)
    XCTAssertTrue(frame.text.contains("▶ 100x  event 10/30  00:20/01:00"), frame.text)
    XCTAssertTrue(frame.text.contains("replay ▶ 100x"))
    help.helpVisible = true
    frame = FrameRenderer.render(help, state, width: 120, height: 40)
    XCTAssertTrue(frame.text.contains("step back one event"))
    try assertSnapshot(frame, "help-replay-120x40")
  }

  func testCJKAndEmojiInCellsKeepColumnsAligned() {
    var withWide = model()
    withWide.appendLog("\n日本語のモデル 👍 done")
    let frame = FrameRenderer.render(withWide, state, width: 120, height: 40)
    let line = frame.text.split(separator: "\n").first { $0.contains("日本語") }
    XCTAssertNotNil(line)
    XCTAssertEqual(
      DisplayWidth.of(line!), 120, "wide graphemes take two cells and the right border stays in column 120")
  }

  func testRenderingA200x60FrameIsFast() {
    let model = model()
    _ = FrameRenderer.render(model, state, width: 200, height: 60)
    let runs = 50
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<runs { _ = FrameRenderer.render(model, state, width: 200, height: 60) }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(runs)
    print("frame render 200x60: \(String(format: "%.3f", milliseconds)) ms")
    XCTAssertLessThan(milliseconds, 25, "a 200x60 frame should render in well under 5 ms on a quiet machine")
  }

  /// A finished replay of a shipped session, as the UI shows it at the end.
  func replayModel(_ events: [LoggedEvent]) -> (UIModel, SessionState) {
    var player = ReplayPlayer(events: events, speed: 1)
    player.seek(to: events.count)
    var model = UIModel(mode: .replay)
    model.replay = player.status
    model.logLines = player.replyLog()
    return (model, player.state)
  }

  func testTheScatterIsLinkedToTheSelection() throws {
    var (model, state) = replayModel(try ShippedSessions.events(ShippedSessions.constrainedTuned))
    model.focus = .plots
    model.selectedID = "c4"
    let frame = FrameRenderer.render(model, state, width: 120, height: 40)
    let pareto = frame.text.split(separator: "\n").drop { !$0.contains("Pareto") }.prefix(11).joined(separator: "\n")
    XCTAssertTrue(pareto.contains("◉") && pareto.contains("c4"), pareto)
    XCTAssertTrue(pareto.contains("s3") && pareto.contains("s4"), "front points are named:\n\(pareto)")
    XCTAssertTrue(pareto.contains("s") && pareto.contains("1") && pareto.contains("2"), "points show their round")
    XCTAssertTrue(pareto.contains("┐") && pareto.contains("│"), "the front is a staircase")
    XCTAssertTrue(pareto.contains("overlap"), "points sharing a cell are counted")
    try assertSnapshot(frame, "linked-scatter-120x40")
  }

  func testTheRoundPlotKeepsRoundsWithoutAValidChild() throws {
    let (model, state) = replayModel(try ShippedSessions.events(ShippedSessions.smollm2))
    let frame = FrameRenderer.render(model, state, width: 120, height: 40)
    for label in ["r0", "r1", "r2", "r3", "4/4", "0/8"] { XCTAssertTrue(frame.text.contains(label), label) }
    try assertSnapshot(frame, "rounds-empty-120x40")
  }

  func testTheDetailShowsDeltasTheCurveAndThePrompt() throws {
    var (model, state) = replayModel(try ShippedSessions.events(ShippedSessions.constrainedTuned))
    model.detailID = "c4"
    model.detailTab = .prompt
    let frame = FrameRenderer.render(model, state, width: 120, height: 40)
    let text = frame.text
    XCTAssertTrue(text.contains("vs parent") && text.contains("▸ s2") && text.contains("  s4"), text)
    XCTAssertTrue(text.contains("val acc  start") && text.contains("train loss  start"), text)
    XCTAssertTrue(text.contains("Metrics: {'num_params'"), "the prompt's text:\n\(text)")
    try assertSnapshot(frame, "detail-deltas-curve-prompt-120x40")
  }

  func testHelpAt80x24ScrolledToItsEnd() throws {
    var help = model()
    help.helpVisible = true
    help.helpScroll = HelpOverlay.maxScroll(contexts: help.viewContexts(state), width: 80, height: 24)
    let frame = FrameRenderer.render(help, state, width: 80, height: 24)
    XCTAssertTrue(frame.text.contains("close the help"), "the last line of the help is on screen")
    try assertSnapshot(frame, "help-80x24-end")
  }
}
