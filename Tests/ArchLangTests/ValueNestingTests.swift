import ArchLang
import XCTest

/// Containers that hold themselves and nests deeper than the recursion limit behave as in Python: printed with
/// `[...]`, compared by identity where Python does, and otherwise a clean error instead of a stack overflow.
final class ValueNestingTests: XCTestCase {
  private func run(_ source: String, limits: InterpreterLimits = InterpreterLimits()) throws -> Interpreter {
    let interpreter = Interpreter(program: try Program.parseAndCheck(source), limits: limits)
    try interpreter.run()
    return interpreter
  }

  private func error(_ source: String) -> ArchLangError? {
    do {
      _ = try run(source)
      return nil
    } catch {
      return error as? ArchLangError
    }
  }

  func testSelfHoldingContainersPrintAsPythonDoes() throws {
    let source = """
      a = [1]
      a.append(a)
      print(a)
      d = {'k': 1}
      d['me'] = d
      print(d)
      t = ([],)
      t[0].append(t)
      print(t)
      print(repr(a), str(a), f'{a}')
      print(a == a, [a] == [a])
      """
    XCTAssertEqual(
      try run(source).log,
      "[1, [...]]\n{'k': 1, 'me': {...}}\n([(...)],)\n[1, [...]] [1, [...]] [1, [...]]\nTrue True\n")
  }

  func testDeepNestsAreCleanErrorsWithTheirLine() {
    let build = "t = ()\nu = ()\nfor i in range(30000):\n    t = (t,)\n    u = (u,)\n"
    for operation in ["x = t == u", "x = t < u", "x = {t: 1}", "x = str(t)", "x = t in [u]", "x = isinstance(1, t)"] {
      let failure = error(build + operation + "\n")
      XCTAssertEqual(failure?.kind, .limit, operation)
      XCTAssertEqual(failure?.location.line, 6, operation)
      XCTAssertTrue(failure?.message.contains("nested more than 1000 levels") == true, operation)
    }
    // Python's limit is a recursion depth; nests within it work.
    XCTAssertNoThrow(try run("t = ()\nfor i in range(900):\n    t = (t,)\nd = {t: 1}\nx = str(t) == str(t)\n"))
  }

  func testTuplesHaveIdentity() throws {
    XCTAssertEqual(try run("t = (1, [2])\nu = t\nprint(t is u, t is (1, [2]))\n").log, "True False\n")
  }

  func testThePrintLogStopsAtItsCapWithoutCountingItAgain() throws {
    let limits = InterpreterLimits(maximumLogCharacters: 1_000)
    let interpreter = try run("for i in range(2000):\n    print('é' * 7)\n", limits: limits)
    XCTAssertTrue(interpreter.log.hasSuffix("\n[log truncated]\n"))
    XCTAssertLessThanOrEqual(interpreter.log.utf8.count, 1_000 + "\n[log truncated]\n".utf8.count)
    // The cut never splits a character.
    XCTAssertFalse(interpreter.log.contains("\u{FFFD}"))
  }

  func testStringsAreCodePointsAndScanningThemCostsSteps() throws {
    XCTAssertEqual(try run("s = 'né'\nprint(len(s), s[1], s[-1], [c for c in s])\n").log, "2 é é ['n', 'é']\n")
    let limits = InterpreterLimits(maximumSteps: 100_000)
    XCTAssertThrowsError(try run("s = 'x' * 800000\nfor i in range(10):\n    n = len(s)\n", limits: limits)) {
      XCTAssertTrue(($0 as? ArchLangError)?.message.contains("interpreter steps") == true)
    }
  }
}
