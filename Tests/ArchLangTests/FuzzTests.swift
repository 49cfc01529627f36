import ArchLang
import EvoTensor
import Foundation
import XCTest

/// Mutates valid programs thousands of times (seeded) and requires every case to end in a result or a clean
/// error, quickly: no crash, no hang, no error outside the source.
final class FuzzTests: XCTestCase {
  /// SplitMix64: a small seeded generator so every run mutates the same way.
  private struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  private static let pythonProgram = """
    def fib(n):
        a, b = 0, 1
        for _ in range(n):
            a, b = b, a + b
        return a
    values = [fib(i) for i in range(20)]
    total = sum(values)
    print(f"total={total:,}", max(values), values[-3:])
    class Counter:
        def __init__(self, start=0):
            self.count = start
        def add(self, k=1):
            self.count += k
            return self
    c = Counter(3).add().add(k=5)
    d = {str(i): i * i for i in range(5)}
    while c.count < 100:
        c.count *= 2
    assert c.count >= 100, "loop"
    print('{} {}'.format(c.count, sorted(d.items(), reverse=True)[0]))
    """

  private static let fragments = [
    "(", ")", "[", "]", "{", "}", ":", ",", "=", "\n", "    ", "\t", "'", "\"", "\"\"\"", "f'{", "\\", "#", "lambda ",
    "if ", "else", " for ", " in ", "def ", "class ", "return ", "**", "*", "@", "0x", "1e", ".", "...", "x", "self",
    "nn.Conv2d(", ".__class__", "while True:\n    pass\n", "10 ** 9", "-", "not ", "None", "[::-1]", "range(10**12)",
    "print(", "super().", "import os\n", "open(", "\u{00e9}", "yield ", "% 0", "/ 0", "[0] * 10**8", "f(f(f(",
  ]

  private func mutate(_ source: String, using generator: inout Generator) -> String {
    var text = Array(source)
    let mutations = Int.random(in: 1...3, using: &generator)
    for _ in 0..<mutations {
      guard !text.isEmpty else { break }
      var lines = String(text).components(separatedBy: "\n")
      switch Int.random(in: 0..<8, using: &generator) {
      case 0:
        let start = Int.random(in: 0..<text.count, using: &generator)
        let length = min(Int.random(in: 1...10, using: &generator), text.count - start)
        text.removeSubrange(start..<(start + length))
      case 1:
        let position = Int.random(in: 0...text.count, using: &generator)
        text.insert(contentsOf: FuzzTests.fragments.randomElement(using: &generator) ?? "", at: position)
      case 2:
        let index = Int.random(in: 0..<lines.count, using: &generator)
        lines.insert(lines[index], at: index)
        text = Array(lines.joined(separator: "\n"))
      case 3:
        lines.remove(at: Int.random(in: 0..<lines.count, using: &generator))
        text = Array(lines.joined(separator: "\n"))
      case 4:
        let a = Int.random(in: 0..<lines.count, using: &generator)
        let b = Int.random(in: 0..<lines.count, using: &generator)
        lines.swapAt(a, b)
        text = Array(lines.joined(separator: "\n"))
      case 5:
        let index = Int.random(in: 0..<lines.count, using: &generator)
        if Bool.random(using: &generator) {
          lines[index] = String(repeating: " ", count: Int.random(in: 1...6, using: &generator)) + lines[index]
        } else {
          lines[index] = String(lines[index].drop { $0 == " " })
        }
        text = Array(lines.joined(separator: "\n"))
      case 6:
        if let digit = text.indices.filter({ text[$0].isNumber }).randomElement(using: &generator) {
          text.replaceSubrange(
            digit...digit, with: ["9", "0", "00000", "-1", "999999999"].randomElement(using: &generator) ?? "0")
        }
      default:
        text = Array(text.prefix(Int.random(in: 0..<text.count, using: &generator)))
      }
    }
    return String(text)
  }

  func testMutatedProgramsEndCleanlyAndQuickly() throws {
    var sources = SeedProgram.all.map(\.source) + [FuzzTests.pythonProgram]
    for name in try FixtureCorpus.names() where !name.hasPrefix("seed_") {
      sources.append(try FixtureCorpus.source(name))
    }
    var generator = Generator(state: 20_231_129)
    var outcomes: [String: Int] = [:]
    let limits = InterpreterLimits(maximumSteps: 20_000, maximumCallDepth: 48, maximumCollectionSize: 100_000)
    let cases = 4_000
    var slowest = 0.0
    for index in 0..<cases {
      let original = sources[index % sources.count]
      let mutated = mutate(original, using: &generator)
      let lineCount = mutated.components(separatedBy: "\n").count
      let started = Date()
      let outcome: String
      do {
        let program = try Program(parsing: mutated)
        _ = program.fingerprint
        _ = program.modelSelection
        if let problem = StaticChecker.check(program).first { throw problem }
        let interpreter = Interpreter(program: program, limits: limits)
        try interpreter.run()
        if program.modelSelection != nil { _ = try interpreter.buildModel() }
        outcome = "ran"
      } catch let error as ArchLangError {
        outcome = error.kind.rawValue
        XCTAssertGreaterThanOrEqual(error.location.line, 1, "case \(index): \(error)")
        XCTAssertLessThanOrEqual(error.location.line, lineCount + 1, "case \(index): \(error)\n\(mutated)")
        XCTAssertFalse(error.message.isEmpty)
      }
      outcomes[outcome, default: 0] += 1
      let elapsed = Date().timeIntervalSince(started)
      slowest = max(slowest, elapsed)
      XCTAssertLessThan(elapsed, 2.0, "case \(index) took \(elapsed) s:\n\(mutated)")
    }
    XCTAssertEqual(outcomes.values.reduce(0, +), cases)
    XCTAssertGreaterThan(outcomes["syntax", default: 0], 0)
    XCTAssertGreaterThan(outcomes["ran", default: 0] + outcomes["runtime", default: 0], 0)
    print("fuzz outcomes: \(outcomes.sorted { $0.key < $1.key }), slowest case \(String(format: "%.3f", slowest)) s")
  }

  func testPrinterRoundTripsEveryParsableMutation() throws {
    var generator = Generator(state: 7)
    var checked = 0
    for index in 0..<1_500 {
      let original = SeedProgram.all[index % SeedProgram.all.count].source
      let mutated = mutate(original, using: &generator)
      guard let program = try? Program(parsing: mutated) else { continue }
      let printed = PrettyPrinter().source(of: program)
      let reparsed = try Program(parsing: printed)
      XCTAssertEqual(PrettyPrinter().source(of: reparsed), printed, "mutation \(index):\n\(mutated)")
      checked += 1
    }
    XCTAssertGreaterThan(checked, 100)
  }
}

/// Mutated programs run against the real engine: layer arguments and shapes that make no sense must end in
/// errors, never in one of the engine's preconditions.
final class EngineFuzzTests: XCTestCase {
  private struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Replaces some integer literals with other small integers (zero, negatives, larger than the input).
  private func mutateNumbers(_ source: String, using generator: inout Generator) -> String {
    var result = ""
    var index = source.startIndex
    while index < source.endIndex {
      let character = source[index]
      if character.isNumber,
        index == source.startIndex
          || !(source[source.index(before: index)].isLetter || source[source.index(before: index)] == "_")
      {
        var end = index
        while end < source.endIndex, source[end].isNumber { end = source.index(after: end) }
        if Int.random(in: 0..<4, using: &generator) == 0 {
          result += String([-1, 0, 1, 2, 3, 5, 7, 16, 39, 40, 41, 64, 100, 1000].randomElement(using: &generator) ?? 1)
        } else {
          result += source[index..<end]
        }
        index = end
        continue
      }
      result.append(character)
      index = source.index(after: index)
    }
    return result
  }

  private static let replacements = [
    ("dim=1", "dim=3"), ("dim=-1", "dim=0"), ("view(", "reshape("), ("(1)", "(2)"), ("[:, -1, :]", "[:, 0]"),
    ("relu", "sigmoid"), ("x.unsqueeze(1)", "x"), ("batch_first=True", "batch_first=False"),
    ("flatten(1)", "flatten(0)"),
    ("+ h", "* h"), ("padding=1", "padding=3"), ("stride=2", "stride=9"), ("groups=channels", "groups=3"),
    ("kernel_size=3", "kernel_size=60"), ("torch.cat", "torch.stack"), ("AvgPool1d(2)", "AvgPool1d(50)"),
    ("@", "*"), ("transpose(1, 2)", "transpose(0, 2)"), ("chunk(2", "chunk(3"), ("(4, 1, 40)", "(4, 40, 1)"),
  ]

  func testMutatedModelsNeverTripTheEngine() throws {
    var sources = SeedProgram.all.map(\.source)
    for name in try FixtureCorpus.names() where !name.hasPrefix("seed_") {
      sources.append(try FixtureCorpus.source(name))
    }
    var generator = Generator(state: 42)
    var outcomes: [String: Int] = [:]
    let limits = InterpreterLimits(maximumSteps: 50_000, maximumParameters: 2_000_000, maximumTensorElements: 4_000_000)
    for index in 0..<1_200 {
      var source = sources[index % sources.count]
      if Bool.random(using: &generator) {
        source = mutateNumbers(source, using: &generator)
      } else {
        for (old, new) in EngineFuzzTests.replacements where source.contains(old) && Bool.random(using: &generator) {
          source = source.replacingOccurrences(of: old, with: new)
        }
      }
      do {
        let model = try CompiledModel.compile(source, seed: UInt64(index), limits: limits, exampleInputShape: [4, 40])
        let output = try model.forward(Tensor.zeros([3, 40]))
        if output.requiresGrad { output.sum().backward() }
        outcomes["ran", default: 0] += 1
      } catch {
        outcomes[error.kind.rawValue, default: 0] += 1
        XCTAssertFalse(error.message.isEmpty)
      }
    }
    XCTAssertGreaterThan(outcomes["ran", default: 0], 100)
    XCTAssertGreaterThan(outcomes["runtime", default: 0], 100)
    print("engine fuzz outcomes: \(outcomes.sorted { $0.key < $1.key })")
  }
}
