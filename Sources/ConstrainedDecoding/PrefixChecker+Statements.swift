import ArchLang

extension PrefixChecker {
  /// A method body line: a docstring, `super().__init__()`, an assignment, or (in `forward`) `return expression`.
  func analyzeMethodBody(_ rest: [UInt8], function: String, className: String) -> LineAnalysis {
    if rest[0] == 0x22 && rest.count >= 1 && (rest.count < 3 || rest.prefix(3).allSatisfy { $0 == 0x22 }) {
      return pendingBodyIndent != nil ? analyzeDocstring(rest) : .invalid
    }
    var result = LineAnalysis.invalid
    let text = String(decoding: rest, as: UTF8.self)
    if function == "__init__" && statementCount >= initializerStatementLimit { return .invalid }
    let mustReturn = function == "forward" && statementCount >= forwardStatementLimit
    if mustReturn && !"return ".hasPrefix(text) && !text.hasPrefix("return ") { return .invalid }
    if function == "__init__" {
      for template in ["super().__init__()", "super(\(className), self).__init__()"] {
        if template.hasPrefix(text) {
          result.viable = true
          if template == text {
            result.complete = true
            result.kind = .superInit
            result.codeKey = text
          }
        } else if text.hasPrefix(template), text.dropFirst(template.count).drop(while: { $0 == " " }).first == "#" {
          result = LineAnalysis(viable: true, complete: true, kind: .superInit, codeKey: template)
        }
      }
      if result.complete { return result }
      // `super().__init__()` comes first: a layer assigned before it is an error in PyTorch.
      if statementCount == 0 { return result }
    }
    guard let (tokens, endsOpen) = LineLexer.tokenize(rest) else { return result }
    guard let first = tokens.first else { return result }
    guard !tokens.contains(where: { $0.kind == .name && $0.text.utf8.count > Self.maximumNameLength }) else {
      return .invalid
    }
    let context = ExpressionContext(function: function, className: className)
    if first.kind == .name && first.text == "return" && (tokens.count > 1 || !endsOpen) {
      guard function == "forward" else { return result }
      if restrictsReturns, let goals = shapeHints?.returnExpressions {
        return analyzeRestrictedReturn(text, tokens: tokens, goals: goals)
      }
      var returnContext = context
      returnContext.isReturn = true
      let verdict = checkExpression(tokens, from: 1, endsOpen: endsOpen, context: returnContext)
      if verdict.viable {
        result.viable = true
        if verdict.complete {
          result.complete = true
          result.kind = .returnStatement
          result.codeKey = Self.codeKey(tokens)
        }
      }
      return result
    }
    let assignment = analyzeAssignment(tokens, endsOpen: endsOpen, context: context)
    if assignment.viable { return assignment }
    return result
  }

  /// `return <goal>` where the goal is one of `goals`, written exactly (no comment): the return of a model whose
  /// own returns failed.
  func analyzeRestrictedReturn(_ text: String, tokens: [LineToken], goals: [String]) -> LineAnalysis {
    // `return(` and the like are not the goal's form: only text still on its way to `return ` is a prefix.
    guard text.hasPrefix("return ") else { return "return ".hasPrefix(text) ? .prefix : .invalid }
    let expression = text.dropFirst("return ".count)
    if goals.contains(where: { $0 == expression }) {
      return LineAnalysis(viable: true, complete: true, kind: .returnStatement, codeKey: Self.codeKey(tokens))
    }
    return goals.contains { $0.hasPrefix(expression) } ? .prefix : .invalid
  }

  /// `target[, target...] = expression` (or `name += expression`); `self.name` targets only in `__init__`.
  func analyzeAssignment(_ tokens: [LineToken], endsOpen: Bool, context: ExpressionContext) -> LineAnalysis {
    var targets: [String] = []
    var index = 0
    while true {
      guard index < tokens.count else { return .prefix }
      let token = tokens[index]
      let isOpenLast = index == tokens.count - 1 && endsOpen
      guard token.kind == .name else { return .invalid }
      if isOpenLast { return .prefix }
      if token.text == "self" {
        guard context.function == "__init__" else { return .invalid }
        guard index + 1 < tokens.count else { return .prefix }
        guard tokens[index + 1].text == "." else { return .invalid }
        guard index + 2 < tokens.count else { return .prefix }
        let attribute = tokens[index + 2]
        guard attribute.kind == .name, !Self.pythonKeywords.contains(attribute.text) || index + 2 == tokens.count - 1
        else { return .invalid }
        if index + 2 == tokens.count - 1 && endsOpen { return .prefix }
        guard !Self.pythonKeywords.contains(attribute.text) else { return .invalid }
        // Each attribute is assigned once: a second assignment silently replaces a layer the model meant to use.
        guard !(attributes[context.className] ?? []).contains(attribute.text) else { return .invalid }
        targets.append("self." + attribute.text)
        index += 3
      } else {
        guard !reservedNames.contains(token.text), !catalog.builtins.keys.contains(token.text),
          !classNames.contains(token.text), !Catalog.forbiddenNames.contains(token.text),
          !Catalog.unsupportedBuiltins.contains(token.text)
        else { return .invalid }
        targets.append(token.text)
        index += 1
      }
      guard index < tokens.count else { return .prefix }
      let separator = tokens[index].text
      if separator == "," {
        index += 1
        continue
      }
      if separator == "=" { break }
      if ["+=", "-=", "*=", "/="].contains(separator) {
        guard targets.count == 1, locals.contains(targets[0]) else { return .invalid }
        break
      }
      // `+`, `-`, `*`, `/` at the end may still become augmented assignments.
      if index == tokens.count - 1 && endsOpen && ["+", "-", "*", "/"].contains(separator) && targets.count == 1 {
        return locals.contains(targets[0]) ? .prefix : .invalid
      }
      return .invalid
    }
    // In `__init__` an attribute holds a layer (sizes are written where layers use them, or in integer locals
    // the size checks can evaluate); anything else there only spends the statements `__init__` may have.
    var valueContext = context
    let assignsAttribute = targets.contains { $0.hasPrefix("self.") }
    // `__init__`'s last statement builds the classifier when no layer gives the scores yet.
    if steersLayerSizes, context.function == "__init__", !assignsAttribute,
      statementCount + 1 >= initializerStatementLimit, shapeHints?.reachesClassScores == false
    {
      return .invalid
    }
    if context.function == "__init__" && assignsAttribute {
      guard targets.count == 1 else { return .invalid }
      valueContext.requiresModule = true
    }
    let verdict = checkExpression(tokens, from: index + 1, endsOpen: endsOpen, context: valueContext)
    guard verdict.viable else { return .invalid }
    var analysis = LineAnalysis.prefix
    if verdict.complete, steersLayerSizes, context.function == "__init__", !assignsAttribute, tokens[index].text == "=",
      IntegerExpression.evaluate(
        tokens[(index + 1)...].filter { $0.kind != .comment }[...], names: shapeHints?.knownIntegers ?? [:]) == nil
    {
      return analysis
    }
    if verdict.complete {
      analysis.complete = true
      analysis.kind = .assignment
      analysis.names = targets
      analysis.valueKey = Self.codeKey(Array(tokens[(index + 1)...]))
      // A layer's checks never depend on the attribute's name: a banned layer stays banned under a new name.
      analysis.codeKey =
        context.function == "__init__" && assignsAttribute
        ? "self.<layer> = " + analysis.valueKey : Self.codeKey(tokens)
    }
    return analysis
  }
}
