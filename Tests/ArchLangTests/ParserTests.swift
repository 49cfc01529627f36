import ArchLang
import XCTest

/// Lexing and parsing: tokens, literals, block structure, and syntax errors with precise positions.
final class ParserTests: XCTestCase {
  private func parse(_ source: String) throws -> Program {
    try Program(parsing: source)
  }

  private func assertSyntaxError(
    _ source: String, at line: Int, _ column: Int, containing text: String, file: StaticString = #filePath,
    lineNumber: UInt = #line
  ) {
    do {
      _ = try Program(parsing: source)
      XCTFail("expected an error for \(source.debugDescription)", file: file, line: lineNumber)
    } catch {
      XCTAssertEqual(
        error.location, SourceLocation(line: line, column: column), "\(error)", file: file, line: lineNumber)
      XCTAssertTrue(error.message.contains(text), "message was: \(error.message)", file: file, line: lineNumber)
    }
  }

  func testIndentationProducesBlocks() throws {
    let tokens = try Lexer.tokenize("if x:\n    y = 1\n    if y:\n        z = 2\nw = 3\n")
    XCTAssertEqual(tokens.filter { $0.kind == .indent }.count, 2)
    XCTAssertEqual(tokens.filter { $0.kind == .dedent }.count, 2)
    XCTAssertEqual(tokens.last?.kind, .endOfInput)
    let program = try parse("if x:\n    y = 1\n    if y:\n        z = 2\nw = 3\n")
    XCTAssertEqual(program.statements.count, 2)
  }

  func testLiteralsAreDecoded() throws {
    let tokens = try Lexer.tokenize("1_000 0x1F 0o17 0b101 1e-3 .5 5. 'a\\tb' r'a\\tb' \"\"\"x\ny\"\"\"")
    let kinds = tokens.map(\.kind).prefix(10)
    XCTAssertEqual(
      Array(kinds),
      [
        .integer(1000), .integer(31), .integer(15), .integer(5), .float(0.001), .float(0.5), .float(5.0),
        .string("a\tb"), .string("a\\tb"), .string("x\ny"),
      ])
  }

  func testContinuationsAndCommentsAndDocstrings() throws {
    let source = """
      \"\"\"Module docstring.\"\"\"
      import torch.nn as nn  # a comment
      x = (1 +
           2)  # implicit continuation
      y = 1 + \\
          2
      z = [
          1,
          2,
      ]
      """
    let program = try parse(source)
    XCTAssertEqual(program.statements.count, 5)
    XCTAssertTrue(program.statements[0].isBareString)
  }

  func testSubscriptsWithSlicesAndNone() throws {
    let program = try parse("a = x[:, None, :]\nb = out[:, -1, :]\nc = x[1:2:3, ...]\n")
    guard case .assign(_, let value) = program.statements[0].kind, case .subscripted(_, let index) = value.kind,
      case .tuple(let items) = index.kind
    else { return XCTFail("expected a subscript") }
    XCTAssertEqual(items.count, 3)
    guard case .slice(nil, nil, nil) = items[0].kind, case .none = items[1].kind else {
      return XCTFail("unexpected items \(items)")
    }
    XCTAssertEqual(PrettyPrinter().source(of: program), "a = x[:, None, :]\nb = out[:, -1, :]\nc = x[1:2:3, ...]\n")
  }

  func testFormattedStrings() throws {
    let program = try parse("s = f'{a!r:>8} and {b[\"k\"]} {{x}} {c + 1:.2f}'\n")
    guard case .assign(_, let value) = program.statements[0].kind, case .formattedString(let parts) = value.kind else {
      return XCTFail("expected an f-string")
    }
    XCTAssertEqual(parts.count, 5)
    XCTAssertThrowsError(try parse("s = f'{x'\n"))
    assertSyntaxError("s = f'{}'\n", at: 1, 8, containing: "empty expression")
    assertSyntaxError("s = f'ab {1 +}'\n", at: 1, 14, containing: "invalid syntax")
  }

  func testDefinitionsWithAllParameterKinds() throws {
    let program = try parse("def f(a, b: int = 2, *args, c, d=4, **kw) -> int:\n    return a\n")
    guard case .functionDefinition(let function) = program.statements[0].kind else { return XCTFail() }
    XCTAssertEqual(function.parameters.map(\.name), ["a", "b", "args", "c", "d", "kw"])
    XCTAssertEqual(
      function.parameters.map(\.kind),
      [.normal, .normal, .variadicPositional, .keywordOnly, .keywordOnly, .variadicKeyword])
  }

  func testSyntaxErrorPositions() {
    assertSyntaxError("x = (1, 2\n", at: 1, 5, containing: "'(' was never closed")
    assertSyntaxError("x = [1, 2)\n", at: 1, 10, containing: "does not match")
    assertSyntaxError("def f(:)\n    pass\n", at: 1, 7, containing: "expected a name")
    assertSyntaxError("if x:\nprint(1)\n", at: 2, 1, containing: "expected an indented block")
    assertSyntaxError("  x = 1\n", at: 1, 3, containing: "unexpected indent")
    assertSyntaxError("x = 1\n    y = 2\n", at: 2, 5, containing: "unexpected indent")
    assertSyntaxError("if x:\n    a = 1\n  b = 2\n", at: 3, 3, containing: "unindent does not match")
    assertSyntaxError("x = 'abc\n", at: 1, 5, containing: "unterminated string")
    assertSyntaxError("x = 1 +\n", at: 1, 8, containing: "unexpected end of line")
    assertSyntaxError("x = $\n", at: 1, 5, containing: "invalid character")
    assertSyntaxError("x = 1\n  \nelse:\n    pass\n", at: 3, 1, containing: "without a matching 'if'")
    assertSyntaxError("f(x for x in y, 1)\n", at: 1, 3, containing: "must be parenthesized")
    assertSyntaxError("f(a=1, 2)\n", at: 1, 8, containing: "positional argument follows keyword")
    assertSyntaxError("1 = x\n", at: 1, 1, containing: "cannot assign")
    assertSyntaxError("x = 12abc\n", at: 1, 5, containing: "invalid number")
    assertSyntaxError("def f(a=1, b):\n    pass\n", at: 1, 12, containing: "without a default")
  }

  func testUnsupportedStatementsNameTheConstruct() {
    for (source, column, word) in [
      ("try:\n    pass\nexcept:\n    pass\n", 1, "'try'"), ("with x:\n    pass\n", 1, "'with'"),
      ("f = lambda x: x\n", 5, "'lambda'"), ("raise ValueError()\n", 1, "'raise'"), ("del x\n", 1, "'del'"),
      ("global x\n", 1, "'global'"), ("@torch.no_grad()\ndef f():\n    pass\n", 1, "decorators"),
      ("x = {1, 2}\n", 5, "set displays"), ("x = b'abc'\n", 5, "bytes"),
    ] {
      do {
        _ = try Program(parsing: source)
        XCTFail("expected \(source.debugDescription) to be rejected")
      } catch {
        XCTAssertEqual(error.kind, .unsupported, source)
        XCTAssertEqual(error.location.column, column, source)
        XCTAssertTrue(error.message.contains(word), error.message)
      }
    }
  }

  func testDeepNestingIsRejectedNotCrashing() {
    let deepParens = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
    XCTAssertThrowsError(try parse("x = " + deepParens + "\n"))
    let longChain = "x = " + Array(repeating: "1", count: 5000).joined(separator: " + ") + "\n"
    XCTAssertThrowsError(try parse(longChain)) { error in
      XCTAssertEqual((error as? ArchLangError)?.kind, .limit)
    }
    let unary = "x = " + String(repeating: "-", count: 5000) + "1\n"
    XCTAssertThrowsError(try parse(unary))
    var nestedBlocks = ""
    for depth in 0..<150 { nestedBlocks += String(repeating: " ", count: depth) + "if x:\n" }
    nestedBlocks += String(repeating: " ", count: 150) + "pass\n"
    XCTAssertThrowsError(try parse(nestedBlocks))
    let powers = "x = " + Array(repeating: "2", count: 3000).joined(separator: " ** ") + "\n"
    XCTAssertThrowsError(try parse(powers))
    XCTAssertNoThrow(try parse("x = " + Array(repeating: "1", count: 150).joined(separator: " + ") + "\n"))
  }

  func testModelSelectionRule() throws {
    let withVariable = try parse(
      "import torch.nn as nn\nclass Model(nn.Module):\n    pass\nmodel = nn.Linear(40, 10)\n")
    guard case .variable(name: "model", _)? = withVariable.modelSelection else { return XCTFail() }
    let withModel = try parse(
      "from torch import nn\nclass Model(nn.Module):\n    pass\nclass Other(nn.Module):\n    pass\n")
    XCTAssertEqual(withModel.modelSelection, .moduleClass(name: "Model"))
    let lastModule = try parse(
      "import torch\nclass A(torch.nn.Module):\n    pass\nclass B(A):\n    pass\nclass Helper:\n    pass\n")
    XCTAssertEqual(lastModule.modelSelection, .moduleClass(name: "B"))
    XCTAssertEqual(lastModule.moduleClassNames, ["A", "B"])
    XCTAssertNil(try parse("x = 1\n").modelSelection)
  }
}
