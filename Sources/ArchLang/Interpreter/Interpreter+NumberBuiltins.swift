import Foundation

// The builtins that convert and compute numbers: `int`, `float`, `bool`, `str`, `min`, `max`, `sum`, `abs`,
// `round`, `pow` and `divmod`.
extension Interpreter {
  /// Installs `int`, `float`, `bool` and `str`.
  func installConversionBuiltins() {
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
  }

  /// Installs `min`, `max`, `sum`, `abs`, `round`, `pow` and `divmod`.
  func installArithmeticBuiltins() {
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
      try interpreter.fold(
        .add, start: arguments.bound["start"] ?? .int(0), arguments.bound["iterable"] ?? .none, at: location)
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
  }
}
