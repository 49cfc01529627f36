import ArchLang

/// Decides whether text is a viable prefix of a program in the generation subset of ArchLang.
///
/// The subset is what the seeds are written in: the torch imports, then `nn.Module` classes, each with an
/// `__init__` and a `forward` whose bodies are one-line statements (assignments, `super().__init__()`, `return`).
/// Every name must be defined before it is used (`self.x` in `forward` only if `__init__` assigned it), every
/// `nn.X`, `F.x`, `torch.x` and tensor method must exist in `Catalog`, and keyword arguments must be real ones.
/// The checker is a value: `commit(_:)` advances it by one complete line; copies are cheap snapshots.
public struct PrefixChecker: Sendable {
  /// Longest line accepted; longer lines are prose or loops.
  public static let maximumLineLength = 160
  /// Most blank or comment lines in a row.
  public static let maximumNonCodeRun = 3
  /// Most statements in an `__init__` (past it the model repeats itself; `def forward` must come).
  public static let maximumInitializerStatements = 8
  /// Most statements in a `forward` before its `return`.
  public static let maximumForwardStatements = 8
  /// Most times one value may be assigned in an `__init__` (a small model otherwise repeats a layer forever).
  public static let maximumRepeatedValues = 3
  /// Longest comment after code.
  public static let maximumCommentLength = 48
  /// Longest name in a statement. A model whose way on is closed (a `return ` with no goal left) can grow one
  /// name, `returnself_fc2_F1_F2_F1_…`, until the token limit ends the attempt.
  public static let maximumNameLength = 32

  let catalog: Catalog
  var blocks: [PrefixCheckerBlock] = []
  /// The indentation the next code line must have (after a `class` or `def` header).
  var pendingBodyIndent: Int?
  var imports: Set<String> = []
  var classNames: [String] = []
  var attributes: [String: [String]] = [:]
  var initParameters: [String: [String]] = [:]
  var methods: [String: [String]] = [:]
  /// The names defined in the method being written (its parameters and the locals it assigned).
  public internal(set) var locals: Set<String> = []
  var nonCodeRun = 0
  /// Statements so far in the method being written.
  public internal(set) var statementCount = 0
  /// Most classes before `Model` (helper blocks such as the residual block of a seed), each named `...Block`.
  public var maximumHelperClasses = 1
  /// Values assigned so far in the current `__init__`, with how often.
  var initializerValues: [String: Int] = [:]
  /// Classes whose `forward` has returned.
  var returnedClasses: Set<String> = []
  /// Lines committed so far.
  public private(set) var lineNumber = 0
  /// Lines that may not be completed again (`lineNumber|codeKey`), set by a caller that found them wrong.
  public var bannedLines: Set<String> = []
  /// Per line number, beginnings (indentation included) that no line there may have: each holds an expression that
  /// fails however the line goes on (`LineVerifier.Verdict.rejected`'s `failingPrefix`).
  public var bannedPrefixes: [Int: [String]] = [:]
  /// Whether `Model.__init__` is written the way size checks can steer: it takes no parameters besides `self`,
  /// and its plain locals are integer arithmetic (the constrained proposer's policy; the seeds' style otherwise).
  public var steersLayerSizes = false
  /// Whether a `return` in `forward` must be one of the shape hints' `returnExpressions` (set by a caller whose
  /// model has written returns that fail: the resampled line is then one of the returns known to give the scores).
  public var restrictsReturns = false
  /// What the line checks learnt of the model's layers and shapes so far (set by the caller after each line).
  public var shapeHints: ShapeHints?
  /// The name each class's `forward` gives its (first) input.
  public private(set) var forwardInputs: [String: String] = [:]
  /// The class the program ends with (`ProgramContract.className`).
  public var modelClassName = "Model"
  /// The integers that class is built with: none for a model built without arguments (its `__init__` parameters
  /// then need defaults), else its `__init__` takes exactly this many.
  public var modelArgumentCount = 0
  /// The tensors the model's `forward` takes.
  public var forwardInputCount = 1
  /// Most statements in the model's `__init__` and `forward` (the contract's; the defaults are MNIST-1D's).
  public var initializerStatementLimit = PrefixChecker.maximumInitializerStatements
  public var forwardStatementLimit = PrefixChecker.maximumForwardStatements
  /// Most times one value may be assigned in an `__init__` (the contract's).
  public var repeatedValueLimit = PrefixChecker.maximumRepeatedValues

  /// A checker at the start of a program.
  public init(catalog: Catalog = .standard) {
    self.catalog = catalog
  }

  /// A checker at the start of a program that must meet `contract`.
  public init(contract: ProgramContract, catalog: Catalog = .standard) {
    self.catalog = catalog
    modelClassName = contract.className
    modelArgumentCount = contract.constructorArguments.count
    forwardInputCount = contract.inputShapes.count
    initializerStatementLimit = contract.maximumInitializerStatements
    forwardStatementLimit = contract.maximumForwardStatements
    repeatedValueLimit = contract.maximumRepeatedValues
  }

  /// The key under which a line is banned.
  public static func banKey(lineNumber: Int, codeKey: String) -> String { "\(lineNumber)|\(codeKey)" }

  /// Whether `line` (no newline) can still become a valid line here.
  public func isViable(_ line: String) -> Bool { analyze(Array(line.utf8)).viable }

  /// Whether `line` (no newline) is a complete valid line here, so that a newline may follow.
  public func canEnd(_ line: String) -> Bool { analyze(Array(line.utf8)).complete }

  /// Whether `partialLine + continuation` keeps the program viable; `continuation` may complete lines.
  public func accepts(_ continuation: String, after partialLine: String) -> Bool {
    guard continuation.utf8.contains(0x0A) else {
      return analyze(Array(partialLine.utf8) + Array(continuation.utf8)).viable
    }
    var checker = self
    var line = Array(partialLine.utf8)
    for byte in continuation.utf8 {
      if byte == 0x0A {
        guard checker.commit(String(decoding: line, as: UTF8.self)) != nil else { return false }
        line.removeAll(keepingCapacity: true)
      } else {
        line.append(byte)
      }
    }
    return checker.analyze(line).viable
  }

  /// Advances by one complete line; nil (and no change) when the line is not a complete valid line here.
  @discardableResult
  public mutating func commit(_ line: String) -> CommittedLine? {
    let bytes = Array(line.utf8)
    let analysis = analyze(bytes)
    guard analysis.complete else { return nil }
    let indent = bytes.prefix { $0 == 0x20 }.count
    var committed = CommittedLine(
      kind: analysis.kind, text: line, indent: indent, className: nil, functionName: nil, targets: [],
      lineNumber: lineNumber, codeKey: analysis.codeKey)
    lineNumber += 1
    switch analysis.kind {
    case .blank, .comment:
      nonCodeRun += 1
      committed.className = blocks.last?.className
      committed.functionName = blocks.last?.functionName
      return committed
    default:
      break
    }
    nonCodeRun = 0
    pendingBodyIndent = nil
    blocks.removeSubrange(min(analysis.depth, blocks.count)...)
    switch analysis.kind {
    case .importStatement:
      if let alias = analysis.names.first { imports.insert(alias) }
    case .classHeader:
      let name = analysis.names[0]
      classNames.append(name)
      attributes[name] = []
      methods[name] = []
      blocks = [PrefixCheckerBlock(functionName: nil, className: name, bodyIndent: 4)]
      pendingBodyIndent = 4
      committed.className = name
    case .functionHeader:
      let className = blocks[0].className
      let name = analysis.names[0]
      let parameters = Array(analysis.names.dropFirst())
      methods[className, default: []].append(name)
      if name == "__init__" { initParameters[className] = Array(parameters.dropFirst()) }
      if name == "forward", parameters.count > 1 { forwardInputs[className] = parameters[1] }
      locals = Set(parameters)
      statementCount = 0
      initializerValues = [:]
      blocks.append(PrefixCheckerBlock(functionName: name, className: className, bodyIndent: 8))
      pendingBodyIndent = 8
      committed.className = className
      committed.functionName = name
    case .assignment, .superInit, .returnStatement:
      statementCount += 1
      if analysis.kind == .returnStatement, let className = blocks.last?.className { returnedClasses.insert(className) }
      guard analysis.kind == .assignment else { break }
      if blocks.last?.functionName == "__init__" { initializerValues[analysis.valueKey, default: 0] += 1 }
      let className = blocks.last?.className ?? ""
      for target in analysis.names {
        if target.hasPrefix("self.") {
          let attribute = String(target.dropFirst(5))
          if !attributes[className, default: []].contains(attribute) {
            attributes[className, default: []].append(attribute)
          }
        } else if target != "_" {
          locals.insert(target)
        }
      }
      committed.targets = analysis.names
    default:
      break
    }
    committed.className = committed.className ?? blocks.last?.className
    committed.functionName = committed.functionName ?? blocks.last?.functionName
    return committed
  }

  /// The verdict on one line in the current context.
  func analyze(_ line: [UInt8]) -> LineAnalysis {
    guard line.count <= Self.maximumLineLength else { return .invalid }
    if let prefixes = bannedPrefixes[lineNumber], prefixes.contains(where: { line.starts(with: $0.utf8) }) {
      return .invalid
    }
    let indent = line.prefix { $0 == 0x20 }.count
    let rest = Array(line[indent...])
    var deepest = pendingBodyIndent ?? (blocks.last?.bodyIndent ?? 0)
    if pendingBodyIndent == nil, blocks.last?.functionName == "__init__",
      statementCount >= initializerStatementLimit
    {
      deepest = 4  // `__init__` is full: only `def forward` may follow
    }
    // A blank line ends a method body (as in the seeds): after one, only a new method or class may follow.
    if nonCodeRun > 0, deepest > 4 { deepest = 4 }
    if rest.isEmpty {
      guard indent <= deepest else { return .invalid }
      let function = blocks.last?.functionName
      let blankAllowed =
        nonCodeRun < Self.maximumNonCodeRun && pendingBodyIndent == nil
        && (function != "forward" || returnedClasses.contains(blocks.last?.className ?? ""))
        && (function != "__init__" || statementCount >= 1)
      var analysis = LineAnalysis(viable: true, complete: blankAllowed)
      analysis.kind = .blank
      return analysis
    }
    // Comment-only lines are where a small model drifts into prose (the seeds have none); comments may only
    // follow code on its line.
    if rest[0] == 0x23 { return .invalid }
    guard Self.hasOrdinarySpacing(rest) else { return .invalid }
    var analysis: LineAnalysis
    var depth: Int
    if let pending = pendingBodyIndent {
      guard indent == pending else { return .invalid }
      depth = blocks.count
    } else if indent == 0 {
      depth = 0
    } else if let index = blocks.firstIndex(where: { $0.bodyIndent == indent }) {
      depth = index + 1
    } else {
      return .invalid
    }
    if depth == 0 {
      analysis = analyzeModuleLevel(rest)
    } else {
      let block = blocks[depth - 1]
      if let function = block.functionName {
        analysis = analyzeMethodBody(rest, function: function, className: block.className)
      } else {
        analysis = analyzeClassBody(rest, className: block.className)
      }
    }
    analysis.depth = depth
    var refused = false
    if analysis.complete, analysis.kind == .assignment, blocks.last?.functionName == "__init__", depth == 2,
      initializerValues[analysis.valueKey, default: 0] >= repeatedValueLimit
    {
      refused = true
    }
    if analysis.complete, bannedLines.contains(Self.banKey(lineNumber: lineNumber, codeKey: analysis.codeKey)) {
      refused = true
    }
    if refused {
      analysis.complete = false
      // A layer assignment in `__init__` ends with its constructor's `)`: nothing can follow it but a comment.
      if analysis.kind == .assignment, blocks.last?.functionName == "__init__", depth == 2,
        analysis.names.contains(where: { $0.hasPrefix("self.") })
      {
        analysis.viable = false
      }
      // A comment cannot rescue refused code: it would only delay the dead end.
      if line.contains(0x23) || line.last == 0x20 { analysis.viable = false }
    }
    return analysis
  }

  /// Whether spaces outside strings come one at a time, or two before a trailing comment (runs of spaces are
  /// where a small model stalls).
  static func hasOrdinarySpacing(_ rest: [UInt8]) -> Bool {
    var quote: UInt8?
    var run = 0
    for byte in rest {
      if let open = quote {
        if byte == open { quote = nil }
        continue
      }
      if byte == 0x20 {
        run += 1
        if run > 2 { return false }
        continue
      }
      if run == 2 && byte != 0x23 { return false }
      if byte == 0x23 { return true }
      run = 0
      if byte == 0x22 || byte == 0x27 { quote = byte }
    }
    return true
  }

  /// Code key of a token list: the token texts without comments, space-separated.
  static func codeKey(_ tokens: [LineToken]) -> String {
    tokens.filter { $0.kind != .comment }.map(\.text).joined(separator: " ")
  }
}
