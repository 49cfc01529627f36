import ArchLang
import Dispatch
import XCTest

/// The interpreter core without tensors: values, calls, control flow, formatting, limits.
final class InterpreterTests: XCTestCase {
  private func run(_ source: String, limits: InterpreterLimits = InterpreterLimits()) throws -> Interpreter {
    let program = try Program.parseAndCheck(source)
    let interpreter = Interpreter(program: program, limits: limits)
    try interpreter.run()
    return interpreter
  }

  private func output(_ source: String) throws -> String {
    try run(source).log
  }

  func testArithmeticFollowsPythonSemantics() throws {
    XCTAssertEqual(
      try output("print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 / 2, 2 ** 10, 2 ** -1, 1 + 2.5, True + 1)"),
      "3 -4 1 2 3.5 1024 0.5 3.5 2\n")
    XCTAssertEqual(try output("print(10 ** 2 * 3 - 1 << 2, 0xff & 0b1010, ~5, -2 ** 2)"), "1196 10 -6 -4\n")
    XCTAssertEqual(
      try output("print(1e-5, 0.1 + 0.2, 3.0, float('inf'), 100000000.0)"),
      "1e-05 0.30000000000000004 3.0 inf 100000000.0\n")
  }

  func testCollectionsAndSlicing() throws {
    let source = """
      xs = [1, 2, 3, 4, 5]
      print(xs[1:3], xs[::-1], xs[-1], xs[:-2], (1, 2, 3)[1:], 'hello'[1:4])
      a, *rest = xs
      b, (c, d) = 1, (2, 3)
      print(a, rest, b, c, d)
      d = {'k': 1, 'j': 2}
      d['z'] = 3
      print(d, list(d.items()), d.get('q', 9), 'k' in d, 3 in xs, 9 not in xs)
      print([x * x for x in range(5) if x % 2 == 0], {k: v for k, v in zip('ab', [1, 2])})
      print(sum(x for x in range(4)), max([3, 7, 2]), min(4, 1, 6), sorted([3, 1, 2], reverse=True))
      print(list(enumerate(['a', 'b'], start=1)), len('abc'), len(range(0, 10, 3)), any([0, 1]), all([]))
      """
    XCTAssertEqual(
      try output(source),
      """
      [2, 3] [5, 4, 3, 2, 1] 5 [1, 2, 3] (2, 3) ell
      1 [2, 3, 4, 5] 1 2 3
      {'k': 1, 'j': 2, 'z': 3} [('k', 1), ('j', 2), ('z', 3)] 9 True True True
      [0, 4, 16] {'a': 1, 'b': 2}
      6 7 1 [3, 2, 1]
      [(1, 'a'), (2, 'b')] 3 4 True True

      """)
  }

  func testFunctionsDefaultsKeywordsAndVariadics() throws {
    let source = """
      def f(a, b=2, *args, scale=1, **kw):
          return (a + b + sum(args)) * scale, sorted(kw.keys())
      print(f(1), f(1, 3, 4, 5), f(a=1, b=1, scale=10), f(1, x=1, y=2))
      args = [1, 2]
      print(f(*args, scale=2))
      def fact(n):
          return 1 if n <= 1 else n * fact(n - 1)
      print(fact(10))
      """
    XCTAssertEqual(try output(source), "(3, []) (13, []) (20, []) (3, ['x', 'y'])\n(6, [])\n3628800\n")
  }

  func testControlFlow() throws {
    let source = """
      total = 0
      for i in range(10):
          if i == 2:
              continue
          elif i > 6:
              break
          else:
              total += i
      n = 0
      while n < 5:
          n += 1
      else:
          n *= 10
      assert total == 19, 'total'
      print(total, n)
      """
    XCTAssertEqual(try output(source), "19 50\n")
  }

  func testClassesInheritanceAndSuper() throws {
    let source = """
      class Base:
          def __init__(self, width):
              self.width = width
          def describe(self):
              return 'base %d' if False else f'base {self.width}'
      class Child(Base):
          def __init__(self, width, depth=3):
              super().__init__(width)
              self.depth = depth
          def describe(self):
              return super().describe() + f' depth {self.depth}'
      class Other(Base):
          def __init__(self):
              super(Other, self).__init__(7)
      c = Child(5)
      print(c.describe(), Other().width, isinstance(c, Base), isinstance(c, Child), isinstance(3, (int, float)))
      """
    XCTAssertEqual(try output(source), "base 5 depth 3 7 True True True\n")
  }

  func testFormatting() throws {
    let source = """
      x = 3.14159
      n = 1234567
      print(f'{x:.2f} {n:,} {n:>10} {0.1234:.1%} {x!r} {"s":<3}| {42:05d} {1e-3:.2e} {x:g}')
      print('{} and {:.1f} and {name}'.format(1, 2.25, name='z'), '{0}{1}{0}'.format('a', 'b'))
      print(f'{{literal}} {[1, 2]} {None} {True}')
      """
    XCTAssertEqual(
      try output(source),
      "3.14 1,234,567    1234567 12.3% 3.14159 s  | 00042 1.00e-03 3.14159\n1 and 2.2 and z aba\n{literal} [1, 2] None True\n"
    )
  }

  func testStepLimitReportsTheLine() {
    let source = "x = 0\nwhile True:\n    x += 1\n"
    XCTAssertThrowsError(try run(source, limits: InterpreterLimits(maximumSteps: 10_000))) { error in
      let error = error as? ArchLangError
      XCTAssertEqual(error?.kind, .limit)
      XCTAssertTrue(error?.message.contains("interpreter steps") == true)
      XCTAssertTrue((2...3).contains(error?.location.line ?? 0))
    }
  }

  func testWallClockLimit() {
    let source = "x = 0\nwhile True:\n    x += 1\n"
    let limits = InterpreterLimits(maximumSteps: Int.max, maximumSeconds: 0.05)
    XCTAssertThrowsError(try run(source, limits: limits)) { error in
      XCTAssertTrue((error as? ArchLangError)?.message.contains("seconds") == true)
    }
  }

  func testMemoryBudgetStopsAccumulation() {
    let limits = InterpreterLimits(maximumAllocatedUnits: 4_000_000)
    XCTAssertThrowsError(try run("a = [[0] * 100000 for _ in range(1000)]\n", limits: limits)) { error in
      let error = error as? ArchLangError
      XCTAssertEqual(error?.kind, .limit)
      XCTAssertTrue(error?.message.contains("memory budget") == true)
    }
    XCTAssertThrowsError(try run("s = 'x' * 900000\nparts = [s + str(i) for i in range(1000)]\n", limits: limits))
    XCTAssertNoThrow(try run("a = [[0] * 1000 for _ in range(100)]\n", limits: limits))
  }

  func testWorstCaseNestingFitsABackgroundThreadStack() throws {
    // The deepest program the limits allow: maximum call depth, each call inside nested blocks and brackets.
    var nested = "n"
    for _ in 0..<30 { nested = "(" + nested + " + 0)" }
    var source = "def f(n):\n"
    var indent = "    "
    for _ in 0..<30 {
      source += indent + "if True:\n"
      indent += "    "
    }
    source += indent + "return f(" + nested + " + 1)\nf(0)\n"
    let program = try Program(parsing: source)
    let finished = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var failure: ArchLangError?
    DispatchQueue.global().async {
      do { try Interpreter(program: program).run() } catch { failure = error as? ArchLangError }
      finished.signal()
    }
    finished.wait()
    XCTAssertEqual(failure?.kind, .limit)
    XCTAssertTrue(failure?.message.contains("maximum call depth") == true)
  }

  func testRecursionAndSizeLimits() {
    XCTAssertThrowsError(try run("def f(n):\n    return f(n + 1)\nf(0)\n")) { error in
      XCTAssertEqual((error as? ArchLangError)?.kind, .limit)
    }
    XCTAssertThrowsError(try run("x = [0] * 10 ** 9\n")) { error in
      XCTAssertEqual((error as? ArchLangError)?.kind, .limit)
    }
    XCTAssertThrowsError(try run("x = 2 ** 10 ** 5\n")) { error in
      XCTAssertEqual((error as? ArchLangError)?.location, SourceLocation(line: 1, column: 5))
    }
    XCTAssertThrowsError(
      try run("for i in range(10 ** 15):\n    pass\n", limits: InterpreterLimits(maximumSteps: 50_000)))
  }

  func testRuntimeErrorsCarryPositions() {
    XCTAssertThrowsError(try run("x = 1\ny = x + undefined_name\n")) { error in
      let error = error as? ArchLangError
      XCTAssertEqual(error?.location, SourceLocation(line: 2, column: 9))
      XCTAssertEqual(error?.message, "name 'undefined_name' is not defined")
    }
    XCTAssertThrowsError(try run("xs = [1]\nprint(xs[5])\n")) { error in
      XCTAssertEqual((error as? ArchLangError)?.message, "list index out of range")
    }
    XCTAssertThrowsError(try run("assert 1 == 2, 'nope'\n")) { error in
      XCTAssertEqual((error as? ArchLangError)?.message, "assertion failed: nope")
    }
  }

  func testPrintIsCapturedNotWritten() throws {
    let interpreter = try run("print('a', 'b', sep='-', end='!')\nprint(1)\n")
    XCTAssertEqual(interpreter.log, "a-b!1\n")
  }

  func testModuleClassesWithoutEngine() throws {
    let source = """
      import torch
      import torch.nn as nn
      class Block(nn.Module):
          def __init__(self, width):
              super().__init__()
              self.width = width
          def forward(self, x):
              return x * self.width
      class Model(nn.Module):
          def __init__(self):
              super(Model, self).__init__()
              self.blocks = [Block(2), Block(3)]
          def forward(self, x):
              for block in self.blocks:
                  x = block(x)
              return x
      """
    let interpreter = try run(source)
    let model = try interpreter.buildModel()
    guard case .instance(let instance) = model else { return XCTFail("expected an instance") }
    XCTAssertTrue(instance.moduleInitialized)
    XCTAssertEqual(instance.classObject.name, "Model")
    let result = try interpreter.call(model, [.int(5)], [], at: .start)
    guard case .int(30) = result else { return XCTFail("forward gave \(result)") }
    XCTAssertThrowsError(try run("import torch.nn as nn\nlayer = nn.Linear(3, 4)\n")) { error in
      XCTAssertTrue((error as? ArchLangError)?.message.contains("tensor engine") == true)
    }
  }
}
