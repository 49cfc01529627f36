import EvoTensor

/// The arguments of one catalog call after binding, with typed readers whose errors name the parameter.
struct CallArguments {
  let signature: Signature
  let bound: [String: Value]
  let extraPositional: [Value]
  let location: SourceLocation
  unowned let interpreter: Interpreter

  /// The argument for `name`, or the signature's default (a literal), or `.none`.
  func value(_ name: String) -> Value {
    if let value = bound[name] { return value }
    guard let parameter = signature.parameters.first(where: { $0.name == name }),
      let defaultValue = parameter.defaultValue
    else { return .none }
    return CallArguments.literal(defaultValue)
  }

  /// Evaluates a default-value literal from the catalog (`1`, `-1`, `1e-05`, `'zeros'`, `True`, `None`, `()`).
  static func literal(_ expression: Expression) -> Value {
    switch expression.kind {
    case .integer(let number): return .int(number)
    case .float(let number): return .float(number)
    case .string(let text): return .string(text)
    case .boolean(let flag): return .bool(flag)
    case .unary(.negate, let inner):
      switch literal(inner) {
      case .int(let number): return .int(-number)
      case .float(let number): return .float(-number)
      default: return .none
      }
    case .tuple(let elements): return .tuple(elements.map(literal))
    default: return .none
    }
  }

  func error(_ message: String) -> ArchLangError {
    ArchLangError(.runtime, "\(signature.displayName): \(message)", at: location)
  }

  func unsupported(_ message: String) -> ArchLangError {
    ArchLangError(.unsupported, "\(signature.displayName): \(message)", at: location)
  }

  /// An integer argument; a one-element tuple such as `kernel_size=(3,)` is accepted as PyTorch accepts it.
  func int(_ name: String, minimum: Int? = nil) throws(ArchLangError) -> Int {
    let raw = value(name)
    var candidate = raw
    if case .tuple(let tuple) = raw, tuple.elements.count == 1 { candidate = tuple.elements[0] }
    if case .list(let storage) = raw, storage.elements.count == 1 { candidate = storage.elements[0] }
    let number: Int
    switch candidate {
    case .int(let value): number = value
    case .bool(let flag): number = flag ? 1 : 0
    default:
      throw error("\(name) must be an int, got \(raw.typeName) \((try? interpreter.repr(raw)) ?? "")")
    }
    if let minimum, number < minimum {
      throw error("\(name) must be at least \(minimum), got \(number)")
    }
    return number
  }

  /// An integer argument that may be `None`.
  func optionalInt(_ name: String, minimum: Int? = nil) throws(ArchLangError) -> Int? {
    if case .none = value(name) { return nil }
    return try int(name, minimum: minimum)
  }

  /// A number argument.
  func float(_ name: String) throws(ArchLangError) -> Float {
    let raw = value(name)
    switch raw {
    case .int(let number): return Float(number)
    case .float(let number): return Float(number)
    case .bool(let flag): return flag ? 1 : 0
    case .native(let object):
      if let scalar = object as? any NativeScalar { return Float(try scalar.scalarValue(at: location)) }
    default: break
    }
    throw error("\(name) must be a number, got \(raw.typeName)")
  }

  /// A boolean argument (any value, by truthiness).
  func bool(_ name: String) throws(ArchLangError) -> Bool {
    try interpreter.truth(value(name), at: location)
  }

  /// A string argument that may be `None`.
  func string(_ name: String) throws(ArchLangError) -> String? {
    switch value(name) {
    case .none: return nil
    case .string(let text): return text
    case let other: throw error("\(name) must be a string, got \(other.typeName)")
    }
  }

  /// A tensor argument.
  func tensor(_ name: String) throws(ArchLangError) -> Tensor {
    let raw = value(name)
    guard case .native(let object) = raw, let tensor = (object as? TensorValue)?.tensor else {
      throw error("\(name) must be a Tensor, got \(raw.typeName)")
    }
    return tensor
  }

  /// A tensor argument as the program holds it (a pending broadcast sum stays pending).
  func tensorValue(_ name: String) throws(ArchLangError) -> TensorValue {
    let raw = value(name)
    guard case .native(let object) = raw, let tensor = object as? TensorValue else {
      throw error("\(name) must be a Tensor, got \(raw.typeName)")
    }
    return tensor
  }

  /// A tensor argument that may be `None`.
  func optionalTensor(_ name: String) throws(ArchLangError) -> Tensor? {
    if case .none = value(name) { return nil }
    return try tensor(name)
  }

  /// A list of integers given as an int or a tuple/list of ints; nil for `None` (and for `()` when `emptyIsNil`).
  func ints(_ name: String, emptyIsNil: Bool = true) throws(ArchLangError) -> [Int]? {
    let raw = value(name)
    switch raw {
    case .none: return nil
    case .int, .bool: return [try int(name)]
    default:
      guard let elements = try? interpreter.elements(of: raw, at: location) else {
        throw error("\(name) must be an int or a tuple of ints, got \(raw.typeName)")
      }
      var result: [Int] = []
      for element in elements {
        guard case .integer(let number)? = interpreter.number(element) else {
          throw error("\(name) must contain ints, got \(element.typeName)")
        }
        result.append(number)
      }
      return result.isEmpty && emptyIsNil ? nil : result
    }
  }
}
