import Foundation

extension Interpreter {
  /// Arguments after binding to a catalog signature.
  typealias Bound = (bound: [String: Value], extraPositional: [Value], extraKeywords: [(String, Value)])

  /// Registers a builtin whose arguments are bound through its catalog signature.
  func define(
    _ name: String, _ body: @escaping (Bound, Interpreter, SourceLocation) throws(ArchLangError) -> Value
  ) {
    guard let signature = catalog.builtins[name] else { return }
    builtinValues[name] = .builtin(
      BuiltinFunction(name) { (positional, keywords, interpreter, location) throws(ArchLangError) in
        // Binding through the catalog signature costs about as much as a few statements.
        try interpreter.work(4, at: location)
        return try body(
          try signature.bind(positional: positional, keywords: keywords, at: location), interpreter, location)
      })
  }

  /// Installs the builtins: the `nn.Module` base initializer, `object`, `repr`, `print`, `len`, `isinstance` and
  /// `super` here, the number and collection families from their own files.
  func installBuiltins() {
    moduleBaseClass.attributes["__init__"] = .builtin(
      BuiltinFunction("Module.__init__") { (positional, _, _, _) throws(ArchLangError) in
        if case .instance(let object)? = positional.first { object.moduleInitialized = true }
        return .none
      })
    builtinValues["object"] = .builtin(BuiltinFunction("object") { _, _, _, _ in .none })
    builtinValues["repr"] = .builtin(
      BuiltinFunction("repr") { (positional, _, interpreter, location) throws(ArchLangError) in
        guard positional.count == 1 else {
          throw ArchLangError(.runtime, "repr() takes exactly one argument", at: location)
        }
        return .string(try interpreter.repr(positional[0]))
      })

    define("print") { (arguments, interpreter, location) throws(ArchLangError) in
      let separator = try interpreter.optionalString(arguments.bound["sep"], default: " ", at: location)
      let end = try interpreter.optionalString(arguments.bound["end"], default: "\n", at: location)
      var parts: [String] = []
      for value in arguments.extraPositional { parts.append(try interpreter.str(value)) }
      let line = parts.joined(separator: separator) + end
      // A call binds its arguments and builds the line: a few steps' worth, whether or not the log has room.
      try interpreter.work(8 + line.utf8.count / Interpreter.bytesPerStep, at: location)
      interpreter.appendToLog(line)
      return .none
    }
    define("len") { (arguments, interpreter, location) throws(ArchLangError) in
      .int(try interpreter.length(of: arguments.bound["obj"] ?? .none, at: location))
    }
    define("isinstance") { (arguments, interpreter, location) throws(ArchLangError) in
      .bool(
        try interpreter.isInstance(
          arguments.bound["obj"] ?? .none, arguments.bound["class_or_tuple"] ?? .none, at: location))
    }
    define("super") { (arguments, interpreter, location) throws(ArchLangError) in
      try interpreter.makeSuper(arguments.extraPositional, at: location)
    }
    installConversionBuiltins()
    installArithmeticBuiltins()
    installSequenceBuiltins()
    installIterationBuiltins()
  }

  /// Converts a float to an int the way `int()` does, rejecting infinities, NaN and out-of-range values.
  static func truncate(_ value: Double, at location: SourceLocation) throws(ArchLangError) -> Int {
    guard value.isFinite else {
      throw ArchLangError(.runtime, "cannot convert float \(value) to integer", at: location)
    }
    guard Swift.abs(value) < 9.2e18 else {
      throw ArchLangError(.runtime, "integer overflow converting \(value)", at: location)
    }
    return Int(value.rounded(.towardZero))
  }

  func optionalString(_ value: Value?, default defaultValue: String, at location: SourceLocation) throws(ArchLangError)
    -> String
  {
    switch value {
    case nil, .none?: return defaultValue
    case .string(let text)?: return text
    case let other?: throw ArchLangError(.runtime, "expected a string, got '\(other.typeName)'", at: location)
    }
  }

  /// Python `len(value)`.
  func length(of value: Value, at location: SourceLocation) throws(ArchLangError) -> Int {
    switch value {
    case .list(let storage): return storage.elements.count
    case .tuple(let tuple): return tuple.elements.count
    case .string(let text):
      // Python counts code points, which takes a scan of the text.
      try work(text.utf8.count / Self.bytesPerStep, at: location)
      return text.unicodeScalars.count
    case .dict(let storage): return storage.count
    case .range(let start, let stop, let step): return rangeCount(start, stop, step)
    default:
      if case .native(let object) = value, let sized = object as? any NativeSized {
        return try sized.length(at: location)
      }
      if let elements = try nativeElements(value, at: location) { return elements.count }
      throw ArchLangError(.runtime, "object of type '\(value.typeName)' has no len()", at: location)
    }
  }

  /// Python `isinstance(value, classes)`.
  func isInstance(_ value: Value, _ classes: Value, at location: SourceLocation) throws(ArchLangError) -> Bool {
    if case .tuple(let options) = classes {
      return try nested(at: location) { () throws(ArchLangError) -> Bool in
        for option in options.elements {
          try tick(location)
          if try isInstance(value, option, at: location) { return true }
        }
        return false
      }
    }
    switch classes {
    case .builtin(let builtin):
      switch (builtin.name, value) {
      case ("int", .int), ("int", .bool), ("float", .float), ("str", .string), ("bool", .bool), ("list", .list),
        ("tuple", .tuple), ("dict", .dict), ("object", _):
        return true
      default:
        return false
      }
    case .classObject(let classObject):
      if case .instance(let object) = value { return object.classObject.isSubclass(of: classObject) }
      if classObject.isModuleRoot, case .native(let object) = value { return object is any NativeModule }
      return false
    case .namespace("torch.Tensor"):
      if case .native(let object) = value { return object.typeName == "Tensor" }
      return false
    default:
      throw ArchLangError(.runtime, "isinstance() arg 2 must be a type or tuple of types", at: location)
    }
  }
}
