import Foundation
import Sessions
import TerminalUI
import XCTest

/// Prompt-tuning's loss curves in the stats pane, drawn from the recorded `promptTuningFinished` events.
final class TuningLossPlotTests: XCTestCase {
  /// The sample session with a tuning after round 1 (inserted after its parents were selected).
  func stateWithTuning(_ tunings: [PromptTuningFinished]) -> SessionState {
    var events = SampleSession.events.map(\.event)
    let index = events.firstIndex { if case .roundFinished(round: 1) = $0 { return true } else { return false } }!
    events.insert(contentsOf: tunings.map { .promptTuningFinished($0) }, at: index)
    return SessionState(
      events: events.enumerated().map {
        LoggedEvent(sequence: $0.offset + 1, time: 1_000 + Double($0.offset) * 2, event: $0.element)
      })
  }

  func testSparklineScalesEachCurveToItsOwnRange() {
    XCTAssertEqual(TuningLossPlot.sparkline([2.0, 1.5, 1.0], width: 10), "█▅▁")
    XCTAssertEqual(TuningLossPlot.sparkline([1, 1, 1], width: 10), "▄▄▄")
    // More steps than columns: averaged in equal buckets.
    XCTAssertEqual(TuningLossPlot.sparkline([4, 4, 2, 2, 0, 0], width: 3), "█▅▁")
    XCTAssertEqual(TuningLossPlot.sparkline([3, .nan, 1, .infinity], width: 5), "█▁")
    XCTAssertEqual(TuningLossPlot.sparkline([], width: 5), "")
    XCTAssertEqual(TuningLossPlot.sparkline([1, 2], width: 0), "")
  }

  func testOneRowPerTunedRoundWithFirstAndLastLoss() {
    var buffer = CellBuffer(width: 40, height: 3)
    let tunings = [
      PromptTuningFinished(
        round: 1, lossCurve: [1.84, 1.5, 1.2, 1.02], softPrompt: "soft-prompts/round-1.bin", seconds: 31),
      PromptTuningFinished(round: 2, lossCurve: [], softPrompt: nil, seconds: 0),
    ]
    TuningLossPlot.draw(tunings, into: &buffer, rect: buffer.bounds)
    let rows = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    XCTAssertEqual(rows[0], "tune r1 █▅▃▁ 1.840→1.020 31s")
    XCTAssertEqual(rows[1], "tune r2 no loss recorded")
    XCTAssertEqual(rows[2], "")
  }

  func testOnlyTheLatestRoundsThatFitAreShown() {
    var buffer = CellBuffer(width: 40, height: 2)
    let tunings = (1...4).map { PromptTuningFinished(round: $0, lossCurve: [2, 1], softPrompt: nil, seconds: 150) }
    TuningLossPlot.draw(tunings, into: &buffer, rect: buffer.bounds)
    let rows = buffer.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    XCTAssertEqual(rows, ["tune r3 █▁ 2.000→1.000 2m30s", "tune r4 █▁ 2.000→1.000 2m30s"])
  }

  func testTheStatsPaneShowsTheTuningLossUnderTheAccuracyPlot() {
    let state = stateWithTuning([
      PromptTuningFinished(
        round: 1, lossCurve: [1.9, 1.7, 1.4, 1.3, 1.1], softPrompt: "soft-prompts/round-1.bin", seconds: 42)
    ])
    for (width, height) in [(200, 60), (120, 40), (80, 24)] {
      let frame = FrameRenderer.render(UIModel(mode: .live), state, width: width, height: height)
      let lines = frame.text.split(separator: "\n", omittingEmptySubsequences: false)
      XCTAssertEqual(lines.count, height)
      if width >= 120 {
        // (Narrower boxes cut the title.)
        XCTAssertTrue(frame.text.contains("Val acc by round · valid/proposed · tuning loss"), "\(width)x\(height)")
      }
      let row = lines.first { $0.contains("tune r1") }
      XCTAssertNotNil(row, "\(width)x\(height):\n\(frame.text)")
      XCTAssertTrue(row?.contains("1.900→1.100 42s") == true, String(row ?? ""))
    }
    // Without tuning the pane is as before.
    let plain = FrameRenderer.render(UIModel(mode: .live), SampleSession.state, width: 120, height: 40)
    XCTAssertFalse(plain.text.contains("tune r"))
  }

  func testAnUnreadableLossCurveDoesNotBreakTheFrame() {
    let state = stateWithTuning([
      PromptTuningFinished(round: 1, lossCurve: [.nan, .infinity], softPrompt: nil, seconds: .nan)
    ])
    let frame = FrameRenderer.render(UIModel(mode: .live), state, width: 120, height: 40)
    XCTAssertTrue(frame.text.contains("tune r1 no loss recorded"))
  }

  func testARiseInLossIsMarked() {
    var buffer = CellBuffer(width: 40, height: 1)
    TuningLossPlot.draw(
      [PromptTuningFinished(round: 1, lossCurve: [0.612, 0.5, 0.615], softPrompt: nil, seconds: 32)], into: &buffer,
      rect: buffer.bounds)
    XCTAssertEqual(buffer.text, "tune r1 █▁█ 0.612→0.615↑ 32s")
    XCTAssertEqual(buffer[10, 0].role, .warning, "the bar that rose")
    XCTAssertEqual(buffer[9, 0].role, .accent)
  }
}
