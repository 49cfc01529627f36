import ArchLang

extension PrefixChecker {
  /// Longest number literal.
  static let maximumNumberLength = 8
  /// Most binary operators in one argument of a call, or in a statement outside calls.
  static let maximumOperatorsPerArgument = 4
  /// Most brackets open at once. The seeds nest three (`self.pool1(F.relu(self.stem(x)))`); deeper is a model
  /// stalling (Qwen wrote `self.relu(self.relu(self.relu(…` until the line died).
  static let maximumBracketDepth = 5

  /// Operators that join two operands: ArchLang's arithmetic and comparison operators that the generation subset
  /// writes.
  static let binaryOperators = Set(
    LineLexer.symbols.filter { BinaryOperator(rawValue: $0) != nil || ComparisonOperator(rawValue: $0) != nil })
  /// Words that join two operands (`a if c else b`, `a and b`).
  static let binaryWords = ["and", "or", "if", "else", "is"]

  /// Checks `tokens[start...]` as one expression: whether it can still become one (`viable`) and whether it is one
  /// now (`complete`). Operands and operators alternate; each token is checked against what the program so far
  /// defines (`PrefixChecker+Operands`) and the brackets open around it.
  func checkExpression(_ tokens: [LineToken], from start: Int, endsOpen: Bool, context: ExpressionContext)
    -> (viable: Bool, complete: Bool)
  {
    var scan = ExpressionScan(tokens: tokens, start: start, endsOpen: endsOpen, context: context)
    while scan.index < tokens.count {
      if !sizeArgumentIsViable(scan) { return ExpressionScan.invalid }
      switch scan.expectOperand ? checkOperand(&scan) : checkAfterOperand(&scan) {
      case .next: scan.index += 1
      case .moved: continue
      case .verdict(let verdict): return verdict
      }
    }
    return (
      true,
      scan.frames.isEmpty && !scan.expectOperand && (!context.requiresModule || isModuleLike(scan.current))
    )
  }

  // MARK: - Operands

  /// A token where an operand must begin: a name, a literal, a bracket, a sign or a closing bracket.
  private func checkOperand(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    // A layer attribute's value starts with the layer's constructor, not a list or parentheses around it.
    if scan.context.requiresModule && scan.index == scan.start && scan.token.kind != .name {
      return .verdict(ExpressionScan.invalid)
    }
    if !markSizeArguments(&scan) { return .verdict(ExpressionScan.invalid) }
    scan.sizedValueNext = false
    switch scan.token.kind {
    case .name:
      return checkOperandName(&scan)
    case .number:
      return checkNumber(&scan)
    case .string(let terminated):
      guard scan.beginPositional() else { return .verdict(ExpressionScan.invalid) }
      if !terminated { return .verdict(scan.isOpenLast ? ExpressionScan.prefix : ExpressionScan.invalid) }
      scan.current = .value
      scan.expectOperand = false
      return .next
    case .comment:
      return .verdict(ExpressionScan.invalid)
    case .symbol:
      return checkSymbolBeforeOperand(&scan)
    }
  }

  /// Notes where a layer constructor's output-size or input-size argument begins (checked whole once a `,` or `)`
  /// ends it); false when a literal being typed there can no longer become a size that fits.
  private func markSizeArguments(_ scan: inout ExpressionScan) -> Bool {
    if let frame = scan.frames.last, frame.outputSize != nil, frame.outputArgumentStart == nil, scan.atArgumentStart,
      frame.positionalCount == 1, !frame.sawKeyword, !scan.isKeywordName
    {
      scan.frames[scan.frames.count - 1].outputArgumentStart = scan.index
    }
    if let frame = scan.frames.last, frame.inputSizes != nil, frame.sizeArgumentStart == nil,
      scan.sizedValueNext || (scan.atArgumentStart && frame.positionalCount == 0 && !frame.sawKeyword),
      !scan.isKeywordName
    {
      scan.frames[scan.frames.count - 1].sizeArgumentStart = scan.index
    }
    // What is typed there must be on its way to a size that fits.
    return sizeArgumentIsViable(scan)
  }

  /// Whether the size argument being written (an input size, or the read-out's class count, in the innermost
  /// frame that has one), up to the scan's token, can still become a size that fits (`SizeArgument`). The `,` or
  /// `)` that ends it is checked by `fitsInputSize`; a first name that may yet be a keyword (`in_features=`) is
  /// left to the keyword checks.
  func sizeArgumentIsViable(_ scan: ExpressionScan) -> Bool {
    guard let frame = scan.frames.last(where: { $0.sizeArgumentStart != nil || $0.outputArgumentStart != nil }),
      let start = frame.sizeArgumentStart ?? frame.outputArgumentStart, scan.index >= start
    else {
      return true
    }
    let token = scan.token
    if scan.index > start, token.kind == .symbol, token.text == "," || token.text == ")" { return true }
    if scan.index == start, scan.index == scan.tokens.count - 1, token.kind == .name, frame.isCall,
      scan.endsOpen ? frame.acceptsKeyword(prefix: token.text) : frame.acceptsKeyword(token.text)
    {
      return true
    }
    let sizes = frame.sizeArgumentStart != nil ? frame.inputSizes ?? [] : Set(frame.outputSize.map { [$0] } ?? [])
    return SizeArgument.isViable(
      scan.tokens[start...scan.index], endsOpen: scan.isOpenLast, sizes: sizes,
      names: shapeHints?.knownIntegers ?? [:])
  }

  /// A name as an operand: a keyword argument's name, a layer's builder, a local, `self`, a namespace, a builtin.
  private func checkOperandName(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    let name = scan.token.text
    let context = scan.context
    if scan.atArgumentStart, let frame = scan.frames.last, frame.isCall {
      if scan.isKeywordName {
        guard frame.acceptsKeyword(name) else { return .verdict(ExpressionScan.invalid) }
        scan.sizedValueNext = frame.inputSizes != nil && name == frame.inputSizeKeyword
        scan.frames[scan.frames.count - 1].usedKeywords.insert(name)
        scan.frames[scan.frames.count - 1].sawKeyword = true
        scan.atArgumentStart = false
        scan.allowsClose = false
        scan.index += 2
        return .moved
      }
      if scan.following == nil {
        // Still being written, or waiting for `=`: a keyword name or an operand.
        if scan.isOpenLast ? frame.acceptsKeyword(prefix: name) : frame.acceptsKeyword(name) {
          return .verdict(ExpressionScan.prefix)
        }
        if frame.sawKeyword { return .verdict(ExpressionScan.invalid) }
      }
    }
    if context.requiresModule && scan.index == scan.start {
      // A layer: `nn.X(...)`, `torch.nn.X(...)` or a block class of the program.
      let builders = ["nn", "torch"] + classNames.filter { $0 != context.className }
      if scan.isOpenLast && !builders.contains(name) {
        return .verdict(builders.contains { $0.hasPrefix(name) } ? ExpressionScan.prefix : ExpressionScan.invalid)
      }
      guard builders.contains(name) else { return .verdict(ExpressionScan.invalid) }
    }
    if scan.isOpenLast && resolveName(name, context: context) == nil {
      return .verdict(isOperandNamePrefix(name, context: context) ? ExpressionScan.prefix : ExpressionScan.invalid)
    }
    // `return name` must return the class scores.
    if context.isReturn, scan.index == scan.start, locals.contains(name), scan.following == nil,
      let scores = shapeHints?.classScoreLocals, !scores.contains(name)
    {
      return .verdict(ExpressionScan.prefix)
    }
    // A layer called in `forward` on a bare local must take that local's shape.
    if scan.atArgumentStart, let accepted = scan.frames.last?.acceptedArguments,
      scan.frames.last?.positionalCount == 0, !scan.isOpenLast, locals.contains(name), scan.following?.text == ")",
      !accepted.contains(name)
    {
      return .verdict(ExpressionScan.invalid)
    }
    guard scan.beginPositional() else { return .verdict(ExpressionScan.invalid) }
    scan.allowsClose = false
    if name == "not" { return .next }
    guard let operand = resolveName(name, context: context) else { return .verdict(ExpressionScan.invalid) }
    if case .selfObject = operand {
      // `self` only as `self.name`: a module passed as a value can end up containing itself.
      guard let following = scan.following else { return .verdict(ExpressionScan.prefix) }
      guard following.text == "." else { return .verdict(ExpressionScan.invalid) }
    }
    scan.current = operand
    scan.expectOperand = false
    return .next
  }

  /// A number literal: short, and an integer below 10000 where it sizes a layer.
  private func checkNumber(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    let text = scan.token.text
    // Long literals are a small model stalling on digits, never a layer size.
    guard text.count <= Self.maximumNumberLength, scan.beginPositional() else {
      return .verdict(ExpressionScan.invalid)
    }
    // Layer sizes in `__init__` stay below 10000.
    if scan.context.function == "__init__", text.allSatisfy(\.isNumber), text.count > 4 {
      return .verdict(ExpressionScan.invalid)
    }
    // A layer's sizes are integers.
    if let frame = scan.frames.last, frame.positionalCount <= frame.integerArguments, !frame.sawKeyword,
      !text.allSatisfy(\.isNumber)
    {
      return .verdict(ExpressionScan.invalid)
    }
    if scan.context.requiresModule && scan.index == scan.start { return .verdict(ExpressionScan.invalid) }
    scan.current = .value
    scan.expectOperand = false
    return .next
  }

  /// A symbol where an operand must begin: an opening bracket, a sign, a `*`/`**` argument, or a closing bracket
  /// right after an opening one or a separator.
  private func checkSymbolBeforeOperand(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    let symbol = scan.token.text
    switch symbol {
    case "(", "[":
      guard scan.beginPositional(), scan.hasRoomForBracket else {
        return .verdict(ExpressionScan.invalid)
      }
      scan.frames.append(ExpressionFrame(closer: symbol == "(" ? ")" : "]"))
      scan.allowsClose = true
    case "-", "+", "~":
      // One sign per operand: chains of signs are a model stalling, not arithmetic.
      if scan.index > scan.start, ["-", "+", "~"].contains(scan.tokens[scan.index - 1].text) {
        return .verdict(ExpressionScan.invalid)
      }
      guard scan.beginPositional() else { return .verdict(ExpressionScan.invalid) }
      scan.allowsClose = false
    case "*", "**":
      // `*` unpacks a positional argument (`x.view(*x.shape[:2], -1)`). `**` would need a dict, which these
      // programs never build: Qwen wrote `nn.ReLU(inplace=True, **` and then runs of stars until the line died.
      guard symbol == "*", scan.atArgumentStart, let frame = scan.frames.last, frame.isCall, !frame.sawKeyword else {
        return .verdict(ExpressionScan.invalid)
      }
      scan.frames[scan.frames.count - 1].sawStarred = true
      scan.atArgumentStart = false
      scan.allowsClose = false
    case ")", "]":
      guard scan.allowsClose, let frame = scan.frames.popLast(), frame.closer == symbol, frame.hasRequiredArguments
      else {
        return .verdict(ExpressionScan.invalid)
      }
      scan.current = frame.buildsModule ? .moduleObject : .value
      scan.expectOperand = false
      scan.atArgumentStart = false
    case ":", ",":
      guard scan.allowsClose, scan.frames.last?.isSubscript == true else { return .verdict(ExpressionScan.invalid) }
    default:
      return .verdict(ExpressionScan.invalid)
    }
    return .next
  }

  // MARK: - After an operand

  /// A token after an operand: an operator word, a trailing comment, or a symbol.
  private func checkAfterOperand(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    let token = scan.token
    switch token.kind {
    case .name:
      if isModuleLike(scan.current) { return .verdict(ExpressionScan.invalid) }
      if scan.isOpenLast {
        return .verdict(
          Self.binaryWords.contains { $0.hasPrefix(token.text) } ? ExpressionScan.prefix : ExpressionScan.invalid)
      }
      guard Self.binaryWords.contains(token.text) else { return .verdict(ExpressionScan.invalid) }
      scan.expectOperand = true
      scan.allowsClose = false
      return .next
    case .number, .string:
      return .verdict(ExpressionScan.invalid)
    case .comment:
      return .verdict(scan.frames.isEmpty ? (true, true) : ExpressionScan.invalid)
    case .symbol:
      return token.text == "." ? checkAttributeAccess(&scan) : checkSymbolAfterOperand(&scan)
    }
  }

  /// `.name` after an operand: an attribute the operand has here (in a `return`, a layer that gives the scores;
  /// in `__init__`'s last statement while nothing gives them, `nn.Linear`).
  private func checkAttributeAccess(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    let context = scan.context
    let current = scan.current
    guard let attribute = scan.following else {
      return .verdict(hasAttributes(current) ? ExpressionScan.prefix : ExpressionScan.invalid)
    }
    guard attribute.kind == .name else { return .verdict(ExpressionScan.invalid) }
    let attributeIsOpen = scan.index + 1 == scan.tokens.count - 1 && scan.endsOpen
    if context.isReturn, case .selfObject = current, scan.frames.isEmpty, scan.index == scan.start + 1,
      let classifiers = shapeHints?.classifierModules, !classifiers.isEmpty,
      shapeHints?.moduleAttributes.contains(where: { $0.hasPrefix(attribute.text) }) == true
    {
      // `return self.layer(...)`: a layer that gives the class scores from something at hand.
      guard
        attributeIsOpen
          ? classifiers.contains(where: { $0.hasPrefix(attribute.text) }) : classifiers.contains(attribute.text)
      else { return .verdict(ExpressionScan.invalid) }
    }
    if case .nnNamespace = current, scan.frames.isEmpty, mustBuildClassifier(context: context) {
      // `__init__`'s last statement, and no layer gives the class scores yet: a linear read-out must.
      guard attributeIsOpen ? "Linear".hasPrefix(attribute.text) : attribute.text == "Linear" else {
        return .verdict(ExpressionScan.invalid)
      }
    }
    if attributeIsOpen && resolveAttribute(attribute.text, of: current, context: context) == nil {
      return .verdict(
        attributeNames(of: current, context: context).contains { $0.hasPrefix(attribute.text) }
          ? ExpressionScan.prefix : ExpressionScan.invalid)
    }
    guard let resolved = resolveAttribute(attribute.text, of: current, context: context) else {
      return .verdict(ExpressionScan.invalid)
    }
    // In `forward` a layer is called where it is named (passed to a function it is not a tensor).
    if case .layer = resolved, context.function == "forward", scan.index + 2 < scan.tokens.count,
      scan.tokens[scan.index + 2].text != "("
    {
      return .verdict(ExpressionScan.invalid)
    }
    scan.current = resolved
    scan.index += 2
    return .moved
  }

  /// A symbol after an operand: a call or a subscript opens, an operator, a separator or a closing bracket.
  private func checkSymbolAfterOperand(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    let symbol = scan.token.text
    switch symbol {
    case "(":
      guard scan.hasRoomForBracket,
        let frame = callFrame(for: scan.current, context: scan.context, frameDepth: scan.frames.count)
      else {
        return .verdict(ExpressionScan.invalid)
      }
      scan.frames.append(frame)
      scan.expectOperand = true
      scan.allowsClose = true
      scan.atArgumentStart = true
    case "[":
      guard case .value = scan.current, scan.hasRoomForBracket else {
        return .verdict(ExpressionScan.invalid)
      }
      var frame = ExpressionFrame(closer: "]")
      frame.isSubscript = true
      scan.frames.append(frame)
      scan.expectOperand = true
      scan.allowsClose = true
    case _ where Self.binaryOperators.contains(symbol):
      return checkBinaryOperator(&scan)
    case "!":
      if isModuleLike(scan.current) { return .verdict(ExpressionScan.invalid) }
      return .verdict(scan.isOpenLast ? ExpressionScan.prefix : ExpressionScan.invalid)
    case ",", ")", "]", ":":
      return checkSeparatorOrClose(&scan)
    default:
      return .verdict(ExpressionScan.invalid)
    }
    return .next
  }

  /// A binary operator: a few per argument, one in a size argument (`32 * 11`), none after a module.
  private func checkBinaryOperator(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    if isModuleLike(scan.current) { return .verdict(ExpressionScan.invalid) }
    if scan.frames.isEmpty {
      scan.topLevelOperators += 1
      if scan.topLevelOperators > Self.maximumOperatorsPerArgument { return .verdict(ExpressionScan.invalid) }
    } else {
      scan.frames[scan.frames.count - 1].operatorsInArgument += 1
      // A size argument is a number, a name or one product (`32 * 11`); more is a model stalling.
      let frame = scan.frames[scan.frames.count - 1]
      let isSize =
        frame.sizeArgumentStart != nil || frame.outputArgumentStart != nil
        || (!frame.sawKeyword && frame.positionalCount <= frame.integerArguments)
      let limit = isSize ? 1 : Self.maximumOperatorsPerArgument
      if frame.operatorsInArgument > limit { return .verdict(ExpressionScan.invalid) }
    }
    scan.expectOperand = true
    scan.allowsClose = false
    return .next
  }

  /// `,` or `)` ending an argument (a size argument must then fit), `]` or `)` closing a bracket, `:` in a slice.
  private func checkSeparatorOrClose(_ scan: inout ExpressionScan) -> ExpressionScan.Step {
    let symbol = scan.token.text
    if symbol == "," || symbol == ")", let frame = scan.frames.last {
      if let start = frame.sizeArgumentStart, let sizes = frame.inputSizes,
        !fitsInputSize(scan.tokens[start..<scan.index], sizes: sizes)
      {
        return .verdict(ExpressionScan.invalid)
      }
      if let start = frame.outputArgumentStart, let size = frame.outputSize,
        !fitsInputSize(scan.tokens[start..<scan.index], sizes: [size])
      {
        return .verdict(ExpressionScan.invalid)
      }
    }
    switch symbol {
    case ",":
      // A comma a call can take no argument after (`nn.ReLU(inplace=True, `) leaves the line no way on.
      guard let frame = scan.frames.last, frame.canTakeAnotherArgument else { return .verdict(ExpressionScan.invalid) }
      scan.frames[scan.frames.count - 1].sizeArgumentStart = nil
      scan.frames[scan.frames.count - 1].outputArgumentStart = nil
      scan.frames[scan.frames.count - 1].operatorsInArgument = 0
      if frame.outputArgumentStart != nil { scan.frames[scan.frames.count - 1].outputSize = nil }
      scan.expectOperand = true
      scan.allowsClose = true
      scan.atArgumentStart = frame.isCall
    case ")", "]":
      guard let frame = scan.frames.popLast(), frame.closer == symbol, frame.hasRequiredArguments else {
        return .verdict(ExpressionScan.invalid)
      }
      scan.current = frame.buildsModule ? .moduleObject : .value
    default:  // ":"
      guard scan.frames.last?.isSubscript == true else { return .verdict(ExpressionScan.invalid) }
      scan.expectOperand = true
      scan.allowsClose = true
    }
    return .next
  }
}
