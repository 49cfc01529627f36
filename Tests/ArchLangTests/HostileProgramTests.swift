import ArchLang
import Foundation
import XCTest

/// The hostile-program corpus (`Fixtures/hostile`): self-reference, deep nesting, output-contract violations,
/// slow construction, print loops and huge allocations. Each program states what must happen in its first lines;
/// every one must end in that verdict, decided by the interpreter's counters (the wall clock is switched off
/// here) and never by a crash. `Benchmarks/hostile_corpus.py` runs the same files through the binary and times
/// them.
final class HostileProgramTests: XCTestCase {
  struct Case {
    var name: String
    var source: String
    /// `accepted` or `rejected`.
    var verdict: String
    /// Text the log (accepted) or the error message (rejected) must contain.
    var text: String
  }

  static func corpus() throws -> [Case] {
    let resources = try XCTUnwrap(Bundle.module.resourceURL)
    let folder = resources.appendingPathComponent("Fixtures").appendingPathComponent("hostile")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".py") }.sorted()
    return try files.map { file in
      let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let expect = try XCTUnwrap(source.split(separator: "\n").dropFirst().first?.split(separator: ":", maxSplits: 2))
      return Case(
        name: String(file.dropLast(3)), source: source, verdict: expect[1].trimmingCharacters(in: .whitespaces),
        text: expect.count > 2 ? expect[2].trimmingCharacters(in: .whitespaces) : "")
    }
  }

  /// The search's check with the product's limits, except that the wall clock decides nothing.
  static let check = CandidateCheck(
    exampleShape: [40], classCount: 10, limits: InterpreterLimits(maximumSeconds: nil))

  func testEveryHostileProgramEndsInItsVerdictWithoutTheWallClock() throws {
    let cases = try Self.corpus()
    XCTAssertGreaterThanOrEqual(cases.count, 50)
    for hostile in cases {
      let started = Date()
      let report = Self.check.run(hostile.source)
      let seconds = Date().timeIntervalSince(started)
      // Not a timing test (the benchmark times them): this only catches a case that hangs.
      XCTAssertLessThan(seconds, 30, hostile.name)
      switch hostile.verdict {
      case "accepted":
        XCTAssertNil(report.error, "\(hostile.name): \(String(describing: report.error))")
        XCTAssertTrue(
          hostile.text.isEmpty || report.log.contains(hostile.text), "\(hostile.name) printed \(report.log)")
      default:
        let message = report.error?.message ?? "(accepted)"
        XCTAssertTrue(report.error != nil && message.contains(hostile.text), "\(hostile.name): \(message)")
        XCTAssertGreaterThan(report.error?.location.line ?? 0, 0, "\(hostile.name): the error says where")
      }
    }
  }

  func testTheSameProgramGetsTheSameVerdictEveryTime() throws {
    let cases = try Self.corpus().filter {
      ["deep_sequential_5000", "huge_allocation_loop", "len_loop"].contains($0.name)
    }
    XCTAssertEqual(cases.count, 3)
    for hostile in cases {
      let first = Self.check.run(hostile.source).error
      let second = Self.check.run(hostile.source).error
      XCTAssertNotNil(first, hostile.name)
      XCTAssertEqual(first, second, hostile.name)
    }
  }

  func testDeepNestsAreFreedOnASmallStack() throws {
    // Freeing used to take one stack frame per level: a 100,000-deep nest overflowed even the main thread's 8 MB.
    let source = """
      a = []
      for i in range(100000):
          a = [a, (a,), {'k': a}]
      """
    let program = try Program.parseAndCheck(source)
    nonisolated(unsafe) var failure: Error?
    let finished = DispatchSemaphore(value: 0)
    let thread = Thread {
      do {
        let interpreter = Interpreter(program: program)
        try interpreter.run()
      } catch {
        failure = error
      }
      finished.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    finished.wait()
    XCTAssertNil(failure)
  }
}
