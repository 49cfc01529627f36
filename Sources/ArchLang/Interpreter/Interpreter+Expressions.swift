extension Interpreter {
  /// Evaluates an expression in `scope`.
  func evaluate(_ expression: Expression, in scope: Scope) throws(ArchLangError) -> Value {
    let location = expression.location
    switch expression.kind {
    case .name(let name):
      return try lookupName(name, in: scope, at: location)
    case .integer(let number): return .int(number)
    case .float(let number): return .float(number)
    case .string(let text): return .string(text)
    case .boolean(let flag): return .bool(flag)
    case .none: return .none
    case .ellipsis: return .ellipsis
    case .formattedString(let parts):
      return try evaluateFormattedString(parts, in: scope, at: location)
    case .attribute(let base, let name):
      return try attribute(of: try evaluate(base, in: scope), name, at: location)
    case .subscripted(let base, let index):
      return try item(of: try evaluate(base, in: scope), try evaluate(index, in: scope), at: location)
    case .slice(let lower, let upper, let step):
      func part(_ expression: Expression?) throws(ArchLangError) -> Value {
        guard let expression else { return .none }
        return try evaluate(expression, in: scope)
      }
      return .slice(try part(lower), try part(upper), try part(step))
    case .call(let function, let arguments):
      return try evaluateCall(function, arguments, in: scope, at: location)
    case .unary(let op, let operandExpression):
      let operand = try evaluate(operandExpression, in: scope)
      return try unary(op, operand, at: location)
    case .binary(let op, let leftExpression, let rightExpression):
      let left = try evaluate(leftExpression, in: scope)
      let right = try evaluate(rightExpression, in: scope)
      return try binary(op, left, right, at: location)
    case .logical(let op, let operands):
      var result = Value.none
      for operand in operands {
        result = try evaluate(operand, in: scope)
        let isTrue = try truth(result, at: operand.location)
        if op == .and && !isTrue { return result }
        if op == .or && isTrue { return result }
      }
      return result
    case .comparison(let operands, let operators):
      var left = try evaluate(operands[0], in: scope)
      for (offset, op) in operators.enumerated() {
        let right = try evaluate(operands[offset + 1], in: scope)
        if !(try compare(op, left, right, at: operands[offset + 1].location)) { return .bool(false) }
        left = right
      }
      return .bool(true)
    case .conditional(let test, let body, let orElse):
      return try truth(try evaluate(test, in: scope), at: test.location)
        ? try evaluate(body, in: scope) : try evaluate(orElse, in: scope)
    case .list(let elements):
      return .list(ListStorage(try evaluateElements(elements, in: scope)))
    case .tuple(let elements):
      return .tuple(try evaluateElements(elements, in: scope))
    case .dict(let keys, let values):
      let storage = DictStorage()
      for (keyExpression, valueExpression) in zip(keys, values) {
        let key = try evaluate(keyExpression, in: scope)
        let value = try evaluate(valueExpression, in: scope)
        guard let hashable = try hashKey(key, at: location) else {
          throw ArchLangError(.runtime, "unhashable type: '\(key.typeName)'", at: keyExpression.location)
        }
        storage.set(value, for: hashable, original: key)
      }
      return .dict(storage)
    case .listComprehension(let element, let clauses), .generator(let element, let clauses):
      var results: [Value] = []
      try comprehend(clauses, in: Scope(parent: scope), at: location) { (inner) throws(ArchLangError) in
        results.append(try evaluate(element, in: inner))
        try checkSize(results.count, at: location)
        try chargeElements(1, at: location)
      }
      return .list(ListStorage(results))
    case .dictComprehension(let keyExpression, let valueExpression, let clauses):
      return try dictComprehension(keyExpression, valueExpression, clauses, in: scope, at: location)
    case .starred:
      throw ArchLangError(.syntax, "a starred expression can only be used in a list, tuple or call", at: location)
    }
  }

  /// The value of a name: a variable, then a builtin; forbidden and unsupported names say so.
  private func lookupName(_ name: String, in scope: Scope, at location: SourceLocation) throws(ArchLangError) -> Value {
    if let value = scope.lookup(name) ?? builtinValues[name] { return value }
    if Catalog.forbiddenNames.contains(name) {
      throw ArchLangError(.unsupported, "`\(name)` is not allowed in candidate programs", at: location)
    }
    if Catalog.unsupportedBuiltins.contains(name) {
      throw ArchLangError(.unsupported, catalog.unsupportedBuiltinMessage(name), at: location)
    }
    throw ArchLangError(.runtime, "name '\(name)' is not defined", at: location)
  }

  /// An f-string's text.
  private func evaluateFormattedString(_ parts: [FormattedStringPart], in scope: Scope, at location: SourceLocation)
    throws(ArchLangError) -> Value
  {
    var text = ""
    for part in parts {
      switch part {
      case .literal(let literal):
        text += literal
      case .replacement(let inner, let conversion, let formatSpec):
        var value = try evaluate(inner, in: scope)
        if let conversion { value = .string(conversion == "s" ? try str(value) : try repr(value)) }
        text += try format(value, spec: formatSpec ?? "", at: inner.location)
      }
      try checkSize(text.utf8.count, at: location)
    }
    try charge(text.utf8.count, at: location)
    return .string(text)
  }

  /// A call: the callee, then its arguments in order (`*` and `**` unpacked), then the call.
  private func evaluateCall(
    _ function: Expression, _ arguments: [CallArgument], in scope: Scope, at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    let callee = try evaluate(function, in: scope)
    var positional: [Value] = []
    var keywords: [(String, Value)] = []
    for argument in arguments {
      switch argument {
      case .positional(let value):
        positional.append(try evaluate(value, in: scope))
      case .keyword(let name, let value, _):
        keywords.append((name, try evaluate(value, in: scope)))
      case .unpacked(let value):
        try forEachElement(of: try evaluate(value, in: scope), at: value.location) {
          (element) throws(ArchLangError) -> Bool in
          positional.append(element)
          return true
        }
      case .unpackedKeywords(let value):
        guard case .dict(let storage) = try evaluate(value, in: scope) else {
          throw ArchLangError(.runtime, "argument after ** must be a dict", at: value.location)
        }
        for (key, entry) in zip(storage.keys, storage.values) {
          guard case .string(let name) = key else {
            throw ArchLangError(.runtime, "keywords must be strings", at: value.location)
          }
          keywords.append((name, entry))
        }
      }
    }
    return try call(callee, positional, keywords, at: location)
  }

  private func dictComprehension(
    _ keyExpression: Expression, _ valueExpression: Expression, _ clauses: [ComprehensionClause], in scope: Scope,
    at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    let storage = DictStorage()
    try comprehend(clauses, in: Scope(parent: scope), at: location) { (inner) throws(ArchLangError) in
      let key = try evaluate(keyExpression, in: inner)
      guard let hashable = try hashKey(key, at: location) else {
        throw ArchLangError(.runtime, "unhashable type: '\(key.typeName)'", at: keyExpression.location)
      }
      storage.set(try evaluate(valueExpression, in: inner), for: hashable, original: key)
      try checkSize(storage.count, at: location)
      try chargeElements(2, at: location)
    }
    return .dict(storage)
  }

  private func evaluateElements(_ elements: [Expression], in scope: Scope) throws(ArchLangError) -> [Value] {
    var values: [Value] = []
    for element in elements {
      if case .starred(let inner) = element.kind {
        try forEachElement(of: try evaluate(inner, in: scope), at: inner.location) {
          (value) throws(ArchLangError) -> Bool in
          values.append(value)
          try checkSize(values.count, at: element.location)
          try chargeElements(1, at: element.location)
          return true
        }
      } else {
        values.append(try evaluate(element, in: scope))
      }
    }
    return values
  }

  private func comprehend(
    _ clauses: [ComprehensionClause], in scope: Scope, at location: SourceLocation,
    _ body: (Scope) throws(ArchLangError) -> Void
  ) throws(ArchLangError) {
    guard let clause = clauses.first else {
      try body(scope)
      return
    }
    let rest = Array(clauses.dropFirst())
    let iterable = try evaluate(clause.iterable, in: scope)
    try forEachElement(of: iterable, at: clause.iterable.location) { (element) throws(ArchLangError) -> Bool in
      try assign(element, to: clause.target, in: scope)
      for condition in clause.conditions where !(try truth(try evaluate(condition, in: scope), at: condition.location))
      {
        return true
      }
      try comprehend(rest, in: scope, at: location, body)
      return true
    }
  }
}
