import ArchLang
import XCTest

/// The static checker: allowed imports, forbidden names, catalog names and PyTorch keyword arguments.
final class CheckerTests: XCTestCase {
  private func errors(_ source: String) throws -> [ArchLangError] {
    StaticChecker.check(try Program(parsing: source))
  }

  private func assertRejected(
    _ source: String, at line: Int, _ column: Int, containing texts: [String], file: StaticString = #filePath,
    lineNumber: UInt = #line
  ) throws {
    let found = try errors(source)
    guard let first = found.first else {
      return XCTFail("expected \(source.debugDescription) to be rejected", file: file, line: lineNumber)
    }
    XCTAssertEqual(
      first.location, SourceLocation(line: line, column: column), first.description, file: file, line: lineNumber)
    for text in texts {
      XCTAssertTrue(first.message.contains(text), "message was: \(first.message)", file: file, line: lineNumber)
    }
  }

  func testSafetyRejections() throws {
    try assertRejected("import os\n", at: 1, 8, containing: ["`import os` is not allowed", "torch.nn.functional"])
    try assertRejected("import subprocess as sp\n", at: 1, 8, containing: ["not allowed"])
    try assertRejected("from os import path\n", at: 1, 1, containing: ["not allowed"])
    try assertRejected("x = 1\nf = open('/etc/passwd')\n", at: 2, 5, containing: ["`open` is not allowed"])
    try assertRejected("eval('1 + 1')\n", at: 1, 1, containing: ["`eval`"])
    try assertRejected("exec('x = 1')\n", at: 1, 1, containing: ["`exec`"])
    try assertRejected("m = __import__('os')\n", at: 1, 5, containing: ["`__import__`"])
    try assertRejected("c = ().__class__\n", at: 1, 5, containing: ["`__class__`", "dunder"])
    try assertRejected("x = [].__class__.__base__.__subclasses__()\n", at: 1, 5, containing: ["dunder"])
    try assertRejected("g = getattr(x, 'y')\n", at: 1, 5, containing: ["`getattr`"])
    try assertRejected("b = __builtins__\n", at: 1, 5, containing: ["`__builtins__`"])
    try assertRejected("g = globals()\n", at: 1, 5, containing: ["`globals`"])
  }

  func testSafetyRejectionsAlsoHoldAtRunTime() throws {
    // The interpreter enforces the same rules when a program reaches it without the checker.
    let program = try Program(parsing: "x = ().__class__\n")
    XCTAssertThrowsError(try Interpreter(program: program).run()) { error in
      XCTAssertEqual((error as? ArchLangError)?.kind, .unsupported)
    }
    let importing = try Program(parsing: "import os\n")
    XCTAssertThrowsError(try Interpreter(program: importing).run())
    let opening = try Program(parsing: "open('x')\n")
    XCTAssertThrowsError(try Interpreter(program: opening).run()) { error in
      XCTAssertEqual((error as? ArchLangError)?.message, "`open` is not allowed in candidate programs")
    }
  }

  func testUnknownLayersListWhatIsSupported() throws {
    try assertRejected(
      "import torch.nn as nn\nlayer = nn.Conv2d(1, 8, 3)\n", at: 2, 9,
      containing: ["`nn.Conv2d` is not supported", "did you mean nn.Conv1d?", "1-D layers are: Conv1d, LazyConv1d"])
    try assertRejected(
      "import torch.nn as nn\nlayer = nn.BatchNorm2d(8)\n", at: 2, 9, containing: ["did you mean nn.BatchNorm1d?"])
    try assertRejected(
      "import torch.nn as nn\nlayer = nn.Transformer()\n", at: 2, 9,
      containing: ["supported torch.nn modules are:", "Linear"])
    try assertRejected(
      "import torch.nn.functional as F\ny = F.relu6(x)\n", at: 2, 5, containing: ["`F.relu6`", "did you mean F.relu?"])
    try assertRejected(
      "import torch\ny = torch.einsum('ij', x)\n", at: 2, 5, containing: ["`torch.einsum` is not supported"])
    try assertRejected("import math\ny = math.factorial(3)\n", at: 2, 5, containing: ["`math.factorial`"])
    try assertRejected("from torch.nn import Conv3d\n", at: 1, 22, containing: ["1-D layers are"])
  }

  func testKeywordArgumentsFollowPyTorchSignatures() throws {
    try assertRejected(
      "import torch.nn as nn\nc = nn.Conv1d(1, 8, 3, strides=2)\n", at: 2, 5,
      containing: [
        "unexpected keyword argument 'strides'",
        "valid keywords are: in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode, device, dtype",
      ])
    try assertRejected(
      "import torch.nn as nn\nl = nn.Linear(40)\n", at: 2, 5, containing: ["missing required argument 'out_features'"])
    try assertRejected(
      "import torch.nn as nn\nl = nn.Linear(1, 2, True, None, None, 7)\n", at: 2, 5,
      containing: ["at most 5 positional"])
    try assertRejected(
      "import torch.nn as nn\ng = nn.GRU(1, 6, batchfirst=True)\n", at: 2, 5,
      containing: ["'batchfirst'", "batch_first"])
    try assertRejected("print(1, sepp='-')\n", at: 1, 1, containing: ["'sepp'"])
    XCTAssertEqual(
      try errors(
        "import torch.nn as nn\nc = nn.Conv1d(in_channels=1, out_channels=8, kernel_size=3, stride=2, padding=1, bias=False)\n"
      ), [])
    XCTAssertEqual(try errors("import torch.nn as nn\nargs = [1, 8, 3]\nc = nn.Conv1d(*args, stride=2)\n"), [])
    // A user function named like a builtin is the user's function.
    XCTAssertEqual(try errors("def len(x, y):\n    return 0\nn = len(1, y=2)\n"), [])
  }

  func testUnsupportedBuiltinsNameTheAlternatives() throws {
    try assertRejected(
      "ys = list(map(abs, [1, -2]))\n", at: 1, 11, containing: ["`map` is not supported", "enumerate, float"])
    XCTAssertEqual(try errors("def map(f, xs):\n    return [f(x) for x in xs]\nys = map(abs, [1])\n"), [])
    XCTAssertGreaterThan(Catalog.standard.allSignatures.count, 100)
  }

  func testAliasesAndImportForms() throws {
    let source = """
      import torch
      import torch.nn as nn
      import torch.nn.functional as F
      import math
      from torch import nn as torchnn
      from torch.nn import Conv1d, functional
      from typing import List, Optional
      a = torch.nn.Linear(2, 3)
      b = torchnn.ReLU()
      c = Conv1d(1, 2, 3)
      d = functional.relu
      e = math.pi * math.sqrt(2)
      f = F.softmax
      """
    XCTAssertEqual(try errors(source), [])
  }

  func testSeedsAndCorpusPassTheChecker() throws {
    for seed in SeedProgram.all {
      let program = try Program(parsing: seed.source)
      XCTAssertEqual(StaticChecker.check(program), [], seed.name)
      XCTAssertEqual(program.modelSelection, .moduleClass(name: "Model"), seed.name)
    }
    for name in try FixtureCorpus.names() {
      let program = try Program(parsing: try FixtureCorpus.source(name))
      XCTAssertEqual(StaticChecker.check(program), [], name)
      XCTAssertNotNil(program.modelSelection, name)
    }
  }

  func testCatalogRecordsRealSignatures() {
    let catalog = Catalog.standard
    XCTAssertEqual(catalog.modules.count, 31)
    XCTAssertEqual(catalog.functional.count, 16)
    XCTAssertEqual(
      catalog.modules["Conv1d"]?.declaration,
      "nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)"
    )
    XCTAssertEqual(catalog.modules["GRU"]?.keywordNames.contains("bidirectional"), true)
    XCTAssertEqual(catalog.functional["softmax"]?.keywordNames, ["input", "dim", "_stacklevel", "dtype"])
    XCTAssertEqual(catalog.tensorMethods["view"]?.acceptsVariadicPositional, true)
    XCTAssertEqual(catalog.builtins["print"]?.keywordNames, ["sep", "end"])
    XCTAssertTrue(catalog.isKnown(qualifiedName: "torch.nn.LazyLinear"))
    XCTAssertFalse(catalog.isKnown(qualifiedName: "torch.nn.Conv2d"))
  }
}
