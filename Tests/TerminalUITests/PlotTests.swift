import TerminalUI
import XCTest

final class PlotTests: XCTestCase {
  func testBrailleDotsMapToTheirBits() {
    var canvas = DotCanvas(columns: 2, rows: 1, glyphs: .braille)
    canvas.set(x: 0, y: 0, role: .plotBest)
    for x in 2...3 { for y in 0...3 { canvas.set(x: x, y: y, role: .plotMedian) } }
    var buffer = CellBuffer(width: 2, height: 1)
    canvas.draw(into: &buffer, x: 0, y: 0)
    XCTAssertEqual(buffer.text, "⠁⣿")
    XCTAssertEqual(buffer[0, 0].role, .plotBest)
    XCTAssertEqual(buffer[1, 0].role, .plotMedian)
  }

  func testLinesAreContinuous() {
    var canvas = DotCanvas(columns: 4, rows: 1, glyphs: .braille)
    canvas.line(from: (0, 3), to: (7, 0), role: .plotBest)
    var buffer = CellBuffer(width: 4, height: 1)
    canvas.draw(into: &buffer, x: 0, y: 0)
    // A rising diagonal: every cell has dots.
    XCTAssertEqual(buffer.text.count, 4, buffer.text)
    XCTAssertFalse(buffer.text.contains(" "))
  }

  func testBlockFallbackUsesHalfBlocks() {
    var canvas = DotCanvas(columns: 3, rows: 1, glyphs: .blocks)
    canvas.set(x: 0, y: 0, role: .plotBest)
    canvas.set(x: 1, y: 1, role: .plotBest)
    canvas.set(x: 2, y: 0, role: .plotBest)
    canvas.set(x: 2, y: 1, role: .plotBest)
    var buffer = CellBuffer(width: 3, height: 1)
    canvas.draw(into: &buffer, x: 0, y: 0)
    XCTAssertEqual(buffer.text, "▀▄█")
  }

  func testSparklineScalesBetweenMinimumAndMaximum() {
    XCTAssertEqual(CandidateDetail.sparkline([0.1, 0.5, 0.9]), "▁▅█")
    XCTAssertEqual(CandidateDetail.sparkline([0.7, 0.7]), "▅▅")
    XCTAssertEqual(CandidateDetail.sparkline([]), "")
  }

  func testRoundHistoryKeepsEveryRoundWithItsCountsAndTheBestSoFar() {
    let history = RoundHistory(SampleSession.state)
    XCTAssertEqual(history.rounds.map(\.round), [0, 1, 2], "round 2 has no evaluated child yet and is kept")
    XCTAssertEqual(history.rounds.map(\.proposed), [3, 3, 1])
    XCTAssertEqual(history.rounds.map(\.valid), [3, 1, 1])
    XCTAssertEqual(history.rounds.map { $0.points.count }, [3, 1, 0])
    XCTAssertEqual(history.rounds.map(\.bestSoFar), [0.802, 0.861, 0.861])
    XCTAssertEqual(history.bestID, "c1")
  }

  func testRoundPlotDrawsDotsStepLineLabelsAndTheLatestValue() {
    var buffer = CellBuffer(width: 44, height: 10)
    RoundPlot.draw(
      RoundHistory(SampleSession.state), selected: "s1", into: &buffer, rect: buffer.bounds, glyphs: .braille)
    let text = buffer.text
    XCTAssertTrue(text.contains("r0") && text.contains("r1") && text.contains("r2"), text)
    XCTAssertTrue(text.contains("3/3") && text.contains("1/3") && text.contains("1/1"), text)
    XCTAssertTrue(text.contains("★"), "the best model is marked:\n\(text)")
    XCTAssertTrue(text.contains("◉"), "the selected candidate is marked:\n\(text)")
    XCTAssertTrue(text.contains("┌") && text.contains("┘"), "the best so far rises at round 1:\n\(text)")
    let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertTrue(rows.contains { $0.hasSuffix(" 86%") }, "the latest best so far sits at the right edge:\n\(text)")
  }

  func testParetoFrontIsTheUndominatedPoints() {
    let points = ParetoPlot.points(SampleSession.state)
    // s3 (5.1k params, 19.8% error) and c1 (6.4k, 13.9%) are undominated; s1 and s2 are beaten by s3.
    XCTAssertEqual(ParetoPlot.front(points), ["s3", "c1"])
    var buffer = CellBuffer(width: 40, height: 8)
    let summary = ParetoPlot.draw(points, selected: nil, into: &buffer, rect: buffer.bounds)
    XCTAssertEqual(summary.frontCount, 2)
    XCTAssertTrue(buffer.text.contains("params (log)"))
    XCTAssertTrue(buffer.text.contains("c1") && buffer.text.contains("s3"), "front points are named:\n\(buffer.text)")
    XCTAssertEqual(ParetoPlot.walkOrder(SampleSession.state), ["s3", "s1", "c1", "s2"])
  }

  func testValidationAccuracyIsTheLastColumnToGoAndTheSortDirectionShows() {
    let rows = SampleSession.state.orderedCandidates
    var headers: [String] = []
    for width in [80, 60, 44, 34, 26, 20] {
      var buffer = CellBuffer(width: width, height: 3)
      PopulationTable.draw(
        rows, selected: 0, top: 0, sort: .fitness, descending: true, marked: [], best: "c1", eligible: ["c1", "s3"],
        into: &buffer, rect: buffer.bounds)
      headers.append(String(buffer.text.split(separator: "\n")[0]))
    }
    for header in headers { XCTAssertTrue(header.contains("val acc"), header) }
    XCTAssertTrue(headers[0].contains("parents") && headers[0].contains("fitness▼"), headers[0])
    XCTAssertFalse(headers[5].contains("fitness"), headers[5])
    XCTAssertEqual(
      headers.map { $0.contains("fitness") }, [true, true, true, true, false, false], headers.joined(separator: "\n"))
  }
}
