extension Interpreter {
  /// Calls any callable value with Python argument semantics.
  public func call(
    _ callee: Value, _ positional: [Value], _ keywords: [(String, Value)], at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    switch callee {
    case .function(let function):
      return try callFunction(function, positional, keywords, at: location)
    case .boundMethod(let receiver, let function):
      return try callFunction(function, [receiver] + positional, keywords, at: location)
    case .builtin(let builtin):
      try tick(location)
      return try builtin.body(positional, keywords, self, location)
    case .classObject(let classObject):
      return try instantiate(classObject, positional, keywords, at: location)
    case .instance(let object):
      guard object.classObject.isModuleSubclass else {
        throw ArchLangError(.runtime, "'\(object.classObject.name)' object is not callable", at: location)
      }
      guard let (forward, _) = object.classObject.lookup("forward"), case .function(let function) = forward else {
        throw ArchLangError(
          .runtime, "module '\(object.classObject.name)' has no forward method; define `def forward(self, x)`",
          at: location)
      }
      return try callFunction(function, [callee] + positional, keywords, at: location)
    case .native(let object):
      try tick(location)
      return try object.call(positional, keywords, interpreter: self, at: location)
    default:
      throw ArchLangError(.runtime, "'\(callee.typeName)' object is not callable", at: location)
    }
  }

  private func instantiate(
    _ classObject: ClassObject, _ positional: [Value], _ keywords: [(String, Value)], at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    let instance = InstanceObject(classObject: classObject)
    let value = Value.instance(instance)
    if classObject.isModuleSubclass { backend?.moduleInstanceCreated(instance, interpreter: self) }
    guard let (initializer, _) = classObject.lookup("__init__") else {
      if !positional.isEmpty || !keywords.isEmpty {
        throw ArchLangError(.runtime, "\(classObject.name)() takes no arguments", at: location)
      }
      return value
    }
    switch initializer {
    case .function(let function):
      let result = try callFunction(function, [value] + positional, keywords, at: location)
      if case .none = result {
      } else {
        throw ArchLangError(.runtime, "__init__() should return None, not '\(result.typeName)'", at: location)
      }
    case .builtin(let builtin):
      _ = try builtin.body([value] + positional, keywords, self, location)
    default:
      throw ArchLangError(.runtime, "\(classObject.name).__init__ is not a function", at: location)
    }
    return value
  }

  /// Binds arguments to a user function's parameters and runs its body in a fresh local scope.
  func callFunction(
    _ function: FunctionValue, _ positional: [Value], _ keywords: [(String, Value)], at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    try tick(location)
    let definition = function.definition
    guard frames.count < limits.maximumCallDepth else {
      throw ArchLangError(
        .limit, "maximum call depth (\(limits.maximumCallDepth) nested calls) exceeded calling '\(definition.name)'",
        at: location)
    }
    let local = Scope(parent: function.enclosingScope)
    let normal = definition.parameters.filter { $0.kind == .normal }
    let variadic = definition.parameters.first { $0.kind == .variadicPositional }
    let variadicKeywords = definition.parameters.first { $0.kind == .variadicKeyword }
    for (offset, value) in positional.enumerated() where offset < normal.count {
      local.variables[normal[offset].name] = value
    }
    if positional.count > normal.count {
      guard let variadic else {
        throw ArchLangError(
          .runtime,
          "\(definition.name)() takes \(normal.count) positional argument\(normal.count == 1 ? "" : "s") but \(positional.count) were given",
          at: location)
      }
      local.variables[variadic.name] = .tuple(Array(positional[normal.count...]))
    } else if let variadic {
      local.variables[variadic.name] = .tuple([])
    }
    let extraKeywords = DictStorage()
    for (name, value) in keywords {
      if let parameter = definition.parameters.first(where: {
        $0.name == name && ($0.kind == .normal || $0.kind == .keywordOnly)
      }) {
        if local.variables[parameter.name] != nil {
          throw ArchLangError(.runtime, "\(definition.name)() got multiple values for argument '\(name)'", at: location)
        }
        local.variables[parameter.name] = value
      } else if variadicKeywords != nil {
        extraKeywords.set(value, for: .string(name), original: .string(name))
      } else {
        throw ArchLangError(.runtime, "\(definition.name)() got an unexpected keyword argument '\(name)'", at: location)
      }
    }
    if let variadicKeywords { local.variables[variadicKeywords.name] = .dict(extraKeywords) }
    for parameter in definition.parameters
    where (parameter.kind == .normal || parameter.kind == .keywordOnly) && local.variables[parameter.name] == nil {
      guard let value = function.defaults[parameter.name] else {
        throw ArchLangError(
          .runtime, "\(definition.name)() missing required argument '\(parameter.name)'", at: location)
      }
      local.variables[parameter.name] = value
    }
    frames.append(
      CallFrame(ownerClass: function.ownerClass, receiver: normal.first.flatMap { local.variables[$0.name] }))
    defer { frames.removeLast() }
    switch try execute(definition.body, in: local) {
    case .normal: return .none
    case .returned(let value): return value
    case .breakLoop, .continueLoop:
      throw ArchLangError(
        .syntax, "'break' or 'continue' outside a loop in '\(definition.name)'", at: definition.location)
    }
  }

  /// `super()` and `super(Class, self)`.
  func makeSuper(_ positional: [Value], at location: SourceLocation) throws(ArchLangError) -> Value {
    if positional.count == 2 {
      guard case .classObject(let classObject) = positional[0] else {
        throw ArchLangError(.runtime, "super() argument 1 must be a class", at: location)
      }
      return .superProxy(receiver: positional[1], startClass: classObject)
    }
    guard positional.isEmpty else {
      throw ArchLangError(.runtime, "super() takes no arguments or two arguments", at: location)
    }
    guard let frame = frames.last, let owner = frame.ownerClass, let receiver = frame.receiver else {
      throw ArchLangError(.runtime, "super(): no arguments outside a method", at: location)
    }
    return .superProxy(receiver: receiver, startClass: owner)
  }
}
