import XCTest

import TerminalUI

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

  func testFitnessHistoryTakesBestAndMedianPerRound() {
    let history = FitnessHistory(SampleSession.state)
    XCTAssertEqual(history.rounds.map(\.round), [0, 1])
    XCTAssertEqual(history.rounds[0].best, 0.802, accuracy: 1e-6)
    XCTAssertEqual(history.rounds[0].median, 0.772, accuracy: 1e-6)
    XCTAssertEqual(history.rounds[1].count, 1)
  }

  func testFitnessPlotDrawsBothSeries() {
    var buffer = CellBuffer(width: 40, height: 10)
    FitnessPlot.draw(FitnessHistory(SampleSession.state), into: &buffer, rect: buffer.bounds, glyphs: .braille)
    let roles = Set((0..<10).flatMap { buffer.roles(row: $0) })
    XCTAssertTrue(roles.contains(.plotBest))
    XCTAssertTrue(roles.contains(.plotMedian))
    XCTAssertTrue(buffer.text.contains("86%"), buffer.text)
    XCTAssertTrue(buffer.text.contains("r0"))
  }

  func testParetoFrontIsTheUndominatedPoints() {
    let points = ParetoPlot.points(SampleSession.state)
    // s3 (5.1k params, 19.8% error) and c1 (6.4k, 13.9%) are undominated; s1 and s2 are beaten by s3.
    XCTAssertEqual(ParetoPlot.front(points), ["s3", "c1"])
    var buffer = CellBuffer(width: 40, height: 8)
    ParetoPlot.draw(points, into: &buffer, rect: buffer.bounds)
    XCTAssertEqual(buffer.text.filter { $0 == "●" }.count, 2, buffer.text)
    XCTAssertTrue(buffer.text.contains("params (log)"))
  }
}
