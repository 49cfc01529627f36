import Foundation

extension Interpreter {
  /// A callable for a `math` function, bound through its catalog signature.
  func mathFunction(_ signature: Signature) -> Value {
    .builtin(
      BuiltinFunction(signature.displayName) { (positional, keywords, interpreter, location) throws(ArchLangError) in
        let arguments = try signature.bind(positional: positional, keywords: keywords, at: location)
        func real(_ name: String) throws(ArchLangError) -> Double {
          let value = arguments.bound[name] ?? .none
          if let numeric = interpreter.number(value) { return numeric.asDouble }
          if case .native(let object) = value, let scalar = object as? any NativeScalar {
            return try scalar.scalarValue(at: location)
          }
          throw ArchLangError(.runtime, "must be real number, not \(value.typeName)", at: location)
        }
        func domain(_ valid: Bool) throws(ArchLangError) {
          if !valid { throw ArchLangError(.runtime, "math domain error in \(signature.displayName)", at: location) }
        }
        switch signature.name {
        case "sqrt":
          let x = try real("x")
          try domain(x >= 0)
          return .float(x.squareRoot())
        case "exp": return .float(Foundation.exp(try real("x")))
        case "log":
          let x = try real("x")
          try domain(x > 0)
          if let baseValue = arguments.bound["base"], case .none = baseValue {
          } else if arguments.bound["base"] != nil {
            let base = try real("base")
            try domain(base > 0 && base != 1)
            return .float(Foundation.log(x) / Foundation.log(base))
          }
          return .float(Foundation.log(x))
        case "log2":
          let x = try real("x")
          try domain(x > 0)
          return .float(Foundation.log2(x))
        case "log10":
          let x = try real("x")
          try domain(x > 0)
          return .float(Foundation.log10(x))
        case "floor", "ceil":
          let x = try real("x")
          if case .integer(let integer)? = interpreter.number(arguments.bound["x"] ?? .none) { return .int(integer) }
          return .int(
            try Interpreter.truncate(signature.name == "floor" ? x.rounded(.down) : x.rounded(.up), at: location))
        case "sin": return .float(Foundation.sin(try real("x")))
        case "cos": return .float(Foundation.cos(try real("x")))
        case "tanh": return .float(Foundation.tanh(try real("x")))
        case "fabs": return .float(Swift.abs(try real("x")))
        case "pow": return .float(Foundation.pow(try real("x"), try real("y")))
        case "prod":
          return try interpreter.fold(
            .multiply, start: arguments.bound["start"] ?? .int(1), arguments.bound["iterable"] ?? .none, at: location)
        case "gcd":
          var result = 0
          for value in arguments.extraPositional {
            let integer = try interpreter.integerIndex(value, at: location, what: "gcd() arguments")
            guard integer != Int.min else { throw ArchLangError(.runtime, "integer overflow in gcd()", at: location) }
            var a = Swift.abs(integer)
            var b = result
            while b != 0 { (a, b) = (b, a % b) }
            result = a
          }
          return .int(result)
        default:
          throw ArchLangError(.unsupported, "`\(signature.displayName)` is not supported", at: location)
        }
      })
  }
}
