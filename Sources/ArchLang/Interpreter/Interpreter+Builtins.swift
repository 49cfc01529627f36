import Foundation

extension Interpreter {
  /// Arguments after binding to a catalog signature.
  typealias Bound = (bound: [String: Value], extraPositional: [Value], extraKeywords: [(String, Value)])

  /// Registers a builtin whose arguments are bound through its catalog signature.
  private func define(
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

  /// Installs `print`, `len`, `range` and the other builtins, and the `nn.Module` base initializer.
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
    define("range") { (arguments, interpreter, location) throws(ArchLangError) in
      let values = try arguments.extraPositional.map { (value) throws(ArchLangError) in
        try interpreter.integerIndex(value, at: location, what: "range() arguments")
      }
      switch values.count {
      case 1: return .range(start: 0, stop: values[0], step: 1)
      case 2: return .range(start: values[0], stop: values[1], step: 1)
      case 3:
        guard values[2] != 0 else { throw ArchLangError(.runtime, "range() arg 3 must not be zero", at: location) }
        return .range(start: values[0], stop: values[1], step: values[2])
      default:
        throw ArchLangError(.runtime, "range expected 1 to 3 arguments, got \(values.count)", at: location)
      }
    }
    for name in ["min", "max"] {
      define(name) { (arguments, interpreter, location) throws(ArchLangError) in
        var candidates = arguments.extraPositional
        if candidates.count == 1 { candidates = try interpreter.elements(of: candidates[0], at: location) }
        guard var best = candidates.first else {
          throw ArchLangError(.runtime, "\(name)() arg is an empty sequence", at: location)
        }
        for candidate in candidates.dropFirst() {
          let ordering = try interpreter.order(candidate, best, at: location)
          if (name == "min" && ordering < 0) || (name == "max" && ordering > 0) { best = candidate }
        }
        return best
      }
    }
    define("sum") { (arguments, interpreter, location) throws(ArchLangError) in
      var total = arguments.bound["start"] ?? .int(0)
      try interpreter.forEachElement(of: arguments.bound["iterable"] ?? .none, at: location) {
        (element) throws(ArchLangError) -> Bool in
        total = try interpreter.binary(.add, total, element, at: location)
        return true
      }
      return total
    }
    define("int") { (arguments, interpreter, location) throws(ArchLangError) in
      let value = arguments.bound["x"] ?? .int(0)
      switch value {
      case .int, .bool: return .int(try interpreter.integerIndex(value, at: location))
      case .float(let number): return .int(try Interpreter.truncate(number, at: location))
      case .string(let text):
        try interpreter.work(text.utf8.count / Interpreter.bytesPerStep, at: location)
        guard let parsed = Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) else {
          throw ArchLangError(.runtime, "invalid literal for int(): \(PrettyPrinter.stringLiteral(text))", at: location)
        }
        return .int(parsed)
      case .native(let object):
        if let scalar = object as? any NativeScalar {
          return .int(try Interpreter.truncate(try scalar.scalarValue(at: location), at: location))
        }
      default: break
      }
      throw ArchLangError(
        .runtime, "int() argument must be a string or a number, not '\(value.typeName)'", at: location)
    }
    define("float") { (arguments, interpreter, location) throws(ArchLangError) in
      let value = arguments.bound["x"] ?? .float(0)
      if let numeric = interpreter.number(value) { return .float(numeric.asDouble) }
      switch value {
      case .string(let text):
        try interpreter.work(text.utf8.count / Interpreter.bytesPerStep, at: location)
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let special: [String: Double] = [
          "inf": .infinity, "+inf": .infinity, "-inf": -.infinity, "nan": .nan, "infinity": .infinity,
          "-infinity": -.infinity,
        ]
        if let parsed = special[trimmed] ?? Double(trimmed) { return .float(parsed) }
        throw ArchLangError(
          .runtime, "could not convert string to float: \(PrettyPrinter.stringLiteral(text))", at: location)
      case .native(let object):
        if let scalar = object as? any NativeScalar { return .float(try scalar.scalarValue(at: location)) }
      default: break
      }
      throw ArchLangError(
        .runtime, "float() argument must be a string or a number, not '\(value.typeName)'", at: location)
    }
    define("bool") { (arguments, interpreter, location) throws(ArchLangError) in
      .bool(try interpreter.truth(arguments.bound["x"] ?? .bool(false), at: location))
    }
    define("str") { (arguments, interpreter, _) throws(ArchLangError) in
      .string(try interpreter.str(arguments.bound["object"] ?? .string("")))
    }
    define("abs") { (arguments, interpreter, location) throws(ArchLangError) in
      let value = arguments.bound["x"] ?? .none
      switch interpreter.number(value) {
      case .integer(let number)?:
        guard number != Int.min else { throw ArchLangError(.runtime, "integer overflow", at: location) }
        return .int(Swift.abs(number))
      case .real(let number)?: return .float(Swift.abs(number))
      case nil: throw ArchLangError(.runtime, "bad operand type for abs(): '\(value.typeName)'", at: location)
      }
    }
    define("round") { (arguments, interpreter, location) throws(ArchLangError) in
      let value = arguments.bound["number"] ?? .none
      guard let numeric = interpreter.number(value) else {
        throw ArchLangError(.runtime, "type \(value.typeName) doesn't define __round__", at: location)
      }
      if let digitsValue = arguments.bound["ndigits"], case .integer(let digits)? = interpreter.number(digitsValue) {
        if case .integer = numeric, digits >= 0 { return value }
        let scale = Foundation.pow(10.0, Double(max(-300, min(300, digits))))
        return .float((numeric.asDouble * scale).rounded(.toNearestOrEven) / scale)
      }
      if case .integer(let integer) = numeric { return .int(integer) }
      return .int(try Interpreter.truncate(numeric.asDouble.rounded(.toNearestOrEven), at: location))
    }
    define("pow") { (arguments, interpreter, location) throws(ArchLangError) in
      try interpreter.binary(.power, arguments.bound["base"] ?? .none, arguments.bound["exp"] ?? .none, at: location)
    }
    define("divmod") { (arguments, interpreter, location) throws(ArchLangError) in
      let a = arguments.bound["a"] ?? .none
      let b = arguments.bound["b"] ?? .none
      return .tuple([
        try interpreter.binary(.floorDivide, a, b, at: location), try interpreter.binary(.modulo, a, b, at: location),
      ])
    }
    define("isinstance") { (arguments, interpreter, location) throws(ArchLangError) in
      .bool(
        try interpreter.isInstance(
          arguments.bound["obj"] ?? .none, arguments.bound["class_or_tuple"] ?? .none, at: location))
    }
    define("list") { (arguments, interpreter, location) throws(ArchLangError) in
      .list(ListStorage(try interpreter.elements(of: arguments.bound["iterable"] ?? .tuple([]), at: location)))
    }
    define("tuple") { (arguments, interpreter, location) throws(ArchLangError) in
      .tuple(try interpreter.elements(of: arguments.bound["iterable"] ?? .tuple([]), at: location))
    }
    define("dict") { (arguments, interpreter, location) throws(ArchLangError) in
      let storage = DictStorage()
      if arguments.extraPositional.count > 1 {
        throw ArchLangError(.runtime, "dict expected at most 1 argument", at: location)
      }
      if let source = arguments.extraPositional.first {
        if case .dict(let other) = source {
          for (key, value) in zip(other.keys, other.values) {
            if let hashable = try interpreter.hashKey(key, at: location) {
              storage.set(value, for: hashable, original: key)
            }
          }
        } else {
          for pair in try interpreter.elements(of: source, at: location) {
            let items = try interpreter.elements(of: pair, at: location)
            guard items.count == 2, let key = try interpreter.hashKey(items[0], at: location) else {
              throw ArchLangError(.runtime, "dict() needs (key, value) pairs with hashable keys", at: location)
            }
            storage.set(items[1], for: key, original: items[0])
          }
        }
      }
      for (name, value) in arguments.extraKeywords { storage.set(value, for: .string(name), original: .string(name)) }
      return .dict(storage)
    }
    define("enumerate") { (arguments, interpreter, location) throws(ArchLangError) in
      var index = try interpreter.integerIndex(arguments.bound["start"] ?? .int(0), at: location)
      var pairs: [Value] = []
      try interpreter.forEachElement(of: arguments.bound["iterable"] ?? .none, at: location) {
        (element) throws(ArchLangError) -> Bool in
        pairs.append(.tuple([.int(index), element]))
        index += 1
        try interpreter.checkSize(pairs.count, at: location)
        try interpreter.chargeElements(3, at: location)
        return true
      }
      return .list(ListStorage(pairs))
    }
    define("zip") { (arguments, interpreter, location) throws(ArchLangError) in
      let sequences = try arguments.extraPositional.map { (value) throws(ArchLangError) in
        try interpreter.elements(of: value, at: location)
      }
      let count = sequences.map(\.count).min() ?? 0
      try interpreter.chargeElements(count * (sequences.count + 1), at: location)
      return .list(ListStorage((0..<count).map { index in .tuple(sequences.map { $0[index] }) }))
    }
    define("sorted") { (arguments, interpreter, location) throws(ArchLangError) in
      var items = try interpreter.elements(of: arguments.bound["iterable"] ?? .none, at: location)
      let descending = try interpreter.truth(arguments.bound["reverse"] ?? .bool(false), at: location)
      var failure: ArchLangError?
      items.sort { a, b in
        guard failure == nil else { return false }
        do throws(ArchLangError) {
          let ordering = try interpreter.order(a, b, at: location)
          return descending ? ordering > 0 : ordering < 0
        } catch {
          failure = error
          return false
        }
      }
      if let failure { throw failure }
      return .list(ListStorage(items))
    }
    define("reversed") { (arguments, interpreter, location) throws(ArchLangError) in
      .list(ListStorage(try interpreter.elements(of: arguments.bound["sequence"] ?? .none, at: location).reversed()))
    }
    for name in ["any", "all"] {
      define(name) { (arguments, interpreter, location) throws(ArchLangError) in
        var result = name == "all"
        try interpreter.forEachElement(of: arguments.bound["iterable"] ?? .none, at: location) {
          (element) throws(ArchLangError) -> Bool in
          let isTrue = try interpreter.truth(element, at: location)
          if name == "any" && isTrue {
            result = true
            return false
          }
          if name == "all" && !isTrue {
            result = false
            return false
          }
          return true
        }
        return .bool(result)
      }
    }
    define("super") { (arguments, interpreter, location) throws(ArchLangError) in
      try interpreter.makeSuper(arguments.extraPositional, at: location)
    }
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
