extension Interpreter {
  /// Runs statements in order until one breaks, continues or returns.
  func execute(_ statements: [Statement], in scope: Scope) throws(ArchLangError) -> ExecutionOutcome {
    for statement in statements {
      let outcome = try execute(statement, in: scope)
      if case .normal = outcome { continue }
      return outcome
    }
    return .normal
  }

  private func execute(_ statement: Statement, in scope: Scope) throws(ArchLangError) -> ExecutionOutcome {
    try tick(statement.location)
    switch statement.kind {
    case .expression(let value):
      _ = try evaluate(value, in: scope)
    case .assign(let targets, let value):
      let result = try evaluate(value, in: scope)
      for target in targets { try assign(result, to: target, in: scope) }
    case .augmentedAssign(let target, let op, let value):
      let current = try evaluate(target, in: scope)
      let operand = try evaluate(value, in: scope)
      let result = try binary(op, current, operand, at: statement.location, inPlace: true)
      try assign(result, to: target, in: scope)
    case .annotatedAssign(let target, _, let value):
      if let value { try assign(try evaluate(value, in: scope), to: target, in: scope) }
    case .ifStatement(let branches, let orElse):
      for branch in branches where try truth(try evaluate(branch.test, in: scope), at: branch.test.location) {
        return try execute(branch.body, in: scope)
      }
      return try execute(orElse, in: scope)
    case .forLoop(let target, let iterable, let body, let orElse):
      let sequence = try evaluate(iterable, in: scope)
      var outcome = ExecutionOutcome.normal
      var broke = false
      try forEachElement(of: sequence, at: iterable.location) { (element) throws(ArchLangError) -> Bool in
        try assign(element, to: target, in: scope)
        let result = try execute(body, in: scope)
        switch result {
        case .normal, .continueLoop: return true
        case .breakLoop:
          broke = true
          return false
        case .returned:
          outcome = result
          return false
        }
      }
      if case .returned = outcome { return outcome }
      if !broke { return try execute(orElse, in: scope) }
    case .whileLoop(let test, let body, let orElse):
      while try truth(try evaluate(test, in: scope), at: test.location) {
        try tick(test.location)
        let result = try execute(body, in: scope)
        switch result {
        case .normal, .continueLoop: continue
        case .breakLoop: return .normal
        case .returned: return result
        }
      }
      return try execute(orElse, in: scope)
    case .functionDefinition(let definition):
      let functionScope = scope.isClassBody ? (scope.parent ?? scope) : scope
      var defaults: [String: Value] = [:]
      for parameter in definition.parameters {
        if let value = parameter.defaultValue { defaults[parameter.name] = try evaluate(value, in: scope) }
      }
      scope.variables[definition.name] = .function(
        FunctionValue(definition: definition, defaults: defaults, enclosingScope: functionScope))
    case .classDefinition(let definition):
      try defineClass(definition, in: scope)
    case .returnStatement(let value):
      return .returned(try value.map { (value) throws(ArchLangError) in try evaluate(value, in: scope) } ?? .none)
    case .pass:
      break
    case .breakStatement:
      return .breakLoop
    case .continueStatement:
      return .continueLoop
    case .assertStatement(let test, let message):
      if !(try truth(try evaluate(test, in: scope), at: test.location)) {
        let text = try message.map { (message) throws(ArchLangError) in try str(try evaluate(message, in: scope)) }
        throw ArchLangError(
          .runtime, "assertion failed" + (text.map { ": " + $0 } ?? ": " + PrettyPrinter().expression(test)),
          at: statement.location)
      }
    case .importModules(let names):
      for name in names {
        guard Catalog.importableModules.contains(name.name) else {
          throw ArchLangError(.unsupported, "`import \(name.name)` is not allowed", at: name.location)
        }
        if let alias = name.alias {
          scope.variables[alias] = .namespace(name.name)
        } else {
          let root = String(name.name.split(separator: ".").first ?? "")
          scope.variables[root] = .namespace(root)
        }
      }
    case .importFrom(let module, let names):
      guard Catalog.importableModules.contains(module) else {
        throw ArchLangError(.unsupported, "`from \(module) import ...` is not allowed", at: statement.location)
      }
      for name in names {
        let value =
          module == "typing" || module == "__future__"
          ? Value.none : try attribute(of: .namespace(module), name.name, at: name.location)
        scope.variables[name.alias ?? name.name] = value
      }
    }
    return .normal
  }

  private func defineClass(_ definition: ClassDefinition, in scope: Scope) throws(ArchLangError) {
    var base: ClassObject?
    for baseExpression in definition.bases {
      let value = try evaluate(baseExpression, in: scope)
      switch value {
      case .classObject(let object):
        guard base == nil else {
          throw ArchLangError(.unsupported, "multiple inheritance is not supported", at: baseExpression.location)
        }
        base = object
      case .builtin(let builtin) where builtin.name == "object":
        continue
      default:
        throw ArchLangError(
          .unsupported, "class \(definition.name) may only subclass nn.Module or a class defined in the program",
          at: baseExpression.location)
      }
    }
    let body = Scope(parent: scope, isClassBody: true)
    let outcome = try execute(definition.body, in: body)
    if case .normal = outcome {
    } else {
      throw ArchLangError(.syntax, "'return', 'break' or 'continue' in a class body", at: definition.location)
    }
    let classObject = ClassObject(name: definition.name, base: base, attributes: body.variables)
    for case .function(let function) in body.variables.values { function.ownerClass = classObject }
    scope.variables[definition.name] = .classObject(classObject)
  }

  /// Binds `value` to an assignment target (a name, attribute, subscript, or a tuple/list of targets).
  func assign(_ value: Value, to target: Expression, in scope: Scope) throws(ArchLangError) {
    switch target.kind {
    case .name(let name):
      scope.variables[name] = value
    case .attribute(let base, let name):
      try setAttribute(of: try evaluate(base, in: scope), name, value, at: target.location)
    case .subscripted(let base, let index):
      try setItem(of: try evaluate(base, in: scope), try evaluate(index, in: scope), value, at: target.location)
    case .tuple(let targets), .list(let targets):
      var elements: [Value] = []
      try forEachElement(of: value, at: target.location) { (element) throws(ArchLangError) -> Bool in
        elements.append(element)
        return elements.count <= targets.count + limits.maximumCollectionSize
      }
      if let starIndex = targets.firstIndex(where: { if case .starred = $0.kind { return true } else { return false } })
      {
        let after = targets.count - starIndex - 1
        guard elements.count >= targets.count - 1 else {
          throw ArchLangError(
            .runtime, "not enough values to unpack (expected at least \(targets.count - 1), got \(elements.count))",
            at: target.location)
        }
        for offset in 0..<starIndex { try assign(elements[offset], to: targets[offset], in: scope) }
        if case .starred(let inner) = targets[starIndex].kind {
          try assign(.list(ListStorage(Array(elements[starIndex..<(elements.count - after)]))), to: inner, in: scope)
        }
        for offset in 0..<after {
          try assign(elements[elements.count - after + offset], to: targets[starIndex + 1 + offset], in: scope)
        }
        return
      }
      guard elements.count == targets.count else {
        let problem = elements.count < targets.count ? "not enough" : "too many"
        throw ArchLangError(
          .runtime, "\(problem) values to unpack (expected \(targets.count), got \(elements.count))",
          at: target.location)
      }
      for (element, subtarget) in zip(elements, targets) { try assign(element, to: subtarget, in: scope) }
    default:
      throw ArchLangError(.syntax, "cannot assign to \(target.kind.constructName)", at: target.location)
    }
  }
}
