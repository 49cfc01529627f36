import ArchLang
import XCTest

/// Canonical printing and the formatting-insensitive fingerprint.
final class PrettyPrinterTests: XCTestCase {
  private func canonical(_ source: String) throws -> String {
    PrettyPrinter().source(of: try Program(parsing: source))
  }

  func testMinimalParenthesesPreserveMeaning() throws {
    let cases = [
      "x = -(a + b)", "x = (a ** b) ** c", "x = a ** -b", "x = -a ** b", "x = (-a) ** b", "x = not (a and b)",
      "x = (a if b else c) if d else e", "x = a if b else c if d else e", "x = (a, b)[0]", "x = a - (b - c)",
      "x = a - b - c", "x = (a < b) < c", "x = a < b < c", "x = [*xs, 1]", "x = f(*args, k=1, **kw)",
      "x = sum(v for v in xs if v)", "x = {k: v for k, v in d.items()}", "x = (1).bit_length",
      "x = f'{a!r:>8} {b}'", "x = \"it's\"", "x = ()", "x = (1,)", "x = a @ b.transpose(1, 2)",
      "a, *b = c", "x[1:2, ::3] = y", "x = lambda_ + 1", "x = a or b and c", "x = (a or b) and c",
    ]
    for source in cases {
      let once = try canonical(source + "\n")
      let twice = try canonical(once)
      XCTAssertEqual(once, twice, source)
      XCTAssertEqual(once, source + "\n", "canonical form of \(source)")
    }
  }

  func testStringsUseTheQuoteThatNeedsNoEscape() throws {
    XCTAssertEqual(try canonical("x = 'it\\'s'\n"), "x = \"it's\"\n")
    XCTAssertEqual(try canonical("x = \"a\\tb\"\n"), "x = 'a\\tb'\n")
  }

  func testCanonicalFormOfADefinition() throws {
    let source = """
      class M( nn.Module ):
          '''Docstring.'''
          def __init__(self, a:int=3, *, b=4):   # comment
              super().__init__()
              self.x = [1,
                        2]
          def forward(self, x): return x*2
      """
    XCTAssertEqual(
      try canonical(source),
      """
      class M(nn.Module):
          'Docstring.'

          def __init__(self, a: int = 3, *, b=4):
              super().__init__()
              self.x = [1, 2]

          def forward(self, x):
              return x * 2

      """)
  }

  func testFingerprintIgnoresFormattingCommentsAndDocstrings() throws {
    let a = try Program(
      parsing: "import torch.nn as nn\nclass Model(nn.Module):\n    def forward(self, x):\n        return x + 1\n")
    let b = try Program(
      parsing:
        "import torch.nn as nn\n\n\nclass Model( nn.Module ):\n  \"\"\"Doc.\"\"\"\n  def forward(self,x):  # c\n    return (x+1)\n"
    )
    let c = try Program(
      parsing: "import torch.nn as nn\nclass Model(nn.Module):\n    def forward(self, x):\n        return x + 2\n")
    XCTAssertEqual(a.fingerprint, b.fingerprint)
    XCTAssertNotEqual(a.fingerprint, c.fingerprint)
    XCTAssertEqual(a.fingerprint.count, 16)
  }

  func testCorpusRoundTripsThroughThePrinter() throws {
    for name in try FixtureCorpus.names() {
      let program = try Program(parsing: try FixtureCorpus.source(name))
      let printed = PrettyPrinter().source(of: program)
      let reparsed = try Program(parsing: printed)
      XCTAssertEqual(PrettyPrinter().source(of: reparsed), printed, name)
      XCTAssertEqual(reparsed.fingerprint, program.fingerprint, name)
    }
  }
}
