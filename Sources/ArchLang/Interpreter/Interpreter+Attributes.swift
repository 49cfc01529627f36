extension Interpreter {
  /// `value.name`.
  func attribute(of value: Value, _ name: String, at location: SourceLocation) throws(ArchLangError) -> Value {
    if name.hasPrefix("__") && name.hasSuffix("__") && !Catalog.allowedDunderAttributes.contains(name) {
      throw ArchLangError(
        .unsupported, "the attribute `\(name)` is not allowed: dunder attributes are off limits", at: location)
    }
    switch value {
    case .instance(let object):
      if let stored = object.attributes[name] { return stored }
      if let (found, _) = object.classObject.lookup(name) { return bind(found, to: value) }
      if object.classObject.isModuleSubclass,
        let result = try backend?.moduleAttribute(object, name, interpreter: self, at: location)
      {
        return result
      }
      throw ArchLangError(.runtime, "'\(object.classObject.name)' object has no attribute '\(name)'", at: location)
    case .classObject(let object):
      if let (found, _) = object.lookup(name) { return found }
      throw ArchLangError(.runtime, "type object '\(object.name)' has no attribute '\(name)'", at: location)
    case .superProxy(let receiver, let startClass):
      if let base = startClass.base, let (found, _) = base.lookup(name) { return bind(found, to: receiver) }
      if name == "__init__" { return .builtin(BuiltinFunction("object.__init__") { _, _, _, _ in .none }) }
      throw ArchLangError(.runtime, "'super' object has no attribute '\(name)'", at: location)
    case .namespace(let qualified):
      return try namespaceMember(qualified, name, at: location)
    case .native(let object):
      return try object.attribute(name, interpreter: self, at: location)
    case .string, .list, .dict, .tuple:
      return try builtinMethod(of: value, name, at: location)
    default:
      throw ArchLangError(.runtime, "'\(value.typeName)' object has no attribute '\(name)'", at: location)
    }
  }

  /// Methods found on a class become bound to the instance they were looked up on.
  private func bind(_ found: Value, to receiver: Value) -> Value {
    switch found {
    case .function(let function):
      return .boundMethod(receiver: receiver, function: function)
    case .builtin(let builtin):
      return .builtin(
        BuiltinFunction(builtin.name) { (positional, keywords, interpreter, location) throws(ArchLangError) in
          try builtin.body([receiver] + positional, keywords, interpreter, location)
        })
    default:
      return found
    }
  }

  private func namespaceMember(_ namespace: String, _ name: String, at location: SourceLocation) throws(ArchLangError)
    -> Value
  {
    let qualified = namespace + "." + name
    if Catalog.importableModules.contains(qualified) { return .namespace(qualified) }
    if namespace == "typing" || namespace == "__future__" { return .none }
    if qualified == "torch.nn.Module" { return .classObject(moduleBaseClass) }
    if namespace == "math" {
      if let constant = catalog.mathConstants[name] { return .float(constant) }
      if let signature = catalog.mathFunctions[name] { return mathFunction(signature) }
    }
    if let signature = catalog.signature(qualifiedName: qualified), signature.category != .math {
      return catalogFunction(signature)
    }
    if namespace == "torch", catalog.torchConstants.contains(name) { return .namespace(qualified) }
    throw ArchLangError(
      .unsupported, catalog.unknownNameMessage(qualifiedName: qualified, written: qualified), at: location)
  }

  /// A callable for an `nn`, `F` or `torch` catalog entry: binds arguments by PyTorch's signature, then asks the
  /// tensor backend to build or run it.
  private func catalogFunction(_ signature: Signature) -> Value {
    .builtin(
      BuiltinFunction(signature.displayName) { (positional, keywords, interpreter, location) throws(ArchLangError) in
        let binding = try signature.bind(positional: positional, keywords: keywords, at: location)
        guard let backend = interpreter.backend else {
          throw ArchLangError(
            .runtime, "`\(signature.displayName)` needs the tensor engine, and this interpreter runs without one",
            at: location)
        }
        if signature.category == .module {
          return try backend.makeModule(
            signature, arguments: binding.bound, extraPositional: binding.extraPositional, interpreter: interpreter,
            at: location)
        }
        return try backend.callFunction(
          signature, arguments: binding.bound, extraPositional: binding.extraPositional, interpreter: interpreter,
          at: location)
      })
  }

  /// `object.name = value`.
  func setAttribute(of target: Value, _ name: String, _ value: Value, at location: SourceLocation) throws(ArchLangError)
  {
    if name.hasPrefix("__") && name.hasSuffix("__") {
      throw ArchLangError(
        .unsupported, "the attribute `\(name)` is not allowed: dunder attributes are off limits", at: location)
    }
    switch target {
    case .instance(let object):
      if object.classObject.isModuleSubclass, let backend {
        try backend.moduleAttributeAssigned(object, name, value, interpreter: self, at: location)
      }
      object.setAttribute(name, value)
    case .classObject(let object):
      object.attributes[name] = value
    default:
      throw ArchLangError(.runtime, "cannot set attribute '\(name)' on '\(target.typeName)' object", at: location)
    }
  }

  /// Converts an index value to an `Int`, accepting bools as Python does.
  func integerIndex(_ value: Value, at location: SourceLocation, what: String = "indices") throws(ArchLangError) -> Int
  {
    if case .integer(let index)? = number(value) { return index }
    if case .native(let object) = value, let scalar = object as? any NativeScalar {
      let double = try scalar.scalarValue(at: location)
      if double.rounded() == double, abs(double) < 9e18 { return Int(double) }
    }
    throw ArchLangError(.runtime, "\(what) must be integers, not '\(value.typeName)'", at: location)
  }

  /// The positions a slice selects from a sequence of `length` elements (Python's `slice.indices`).
  func sliceIndices(_ length: Int, _ lower: Value, _ upper: Value, _ stepValue: Value, at location: SourceLocation)
    throws(ArchLangError) -> [Int]
  {
    let step: Int
    if case .none = stepValue {
      step = 1
    } else {
      step = try integerIndex(stepValue, at: location, what: "slice indices")
    }
    if step == 0 { throw ArchLangError(.runtime, "slice step cannot be zero", at: location) }
    func clamp(_ value: Value, _ defaultValue: Int) throws(ArchLangError) -> Int {
      if case .none = value { return defaultValue }
      var index = try integerIndex(value, at: location, what: "slice indices")
      if index < 0 { index = max(index + length, step < 0 ? -1 : 0) }
      return step < 0 ? min(index, length - 1) : min(index, length)
    }
    let start = try clamp(lower, step < 0 ? length - 1 : 0)
    let stop = try clamp(upper, step < 0 ? -1 : length)
    let indices = Array(stride(from: start, to: stop, by: step))
    // The slice copies this many elements.
    try chargeElements(indices.count, at: location)
    return indices
  }

  private func normalizedIndex(_ indexValue: Value, count: Int, kind: String, at location: SourceLocation)
    throws(ArchLangError) -> Int
  {
    var index = try integerIndex(indexValue, at: location, what: "\(kind) indices")
    if index < 0 { index += count }
    guard index >= 0 && index < count else {
      throw ArchLangError(.runtime, "\(kind) index out of range", at: location)
    }
    return index
  }

  /// `value[index]`.
  func item(of value: Value, _ index: Value, at location: SourceLocation) throws(ArchLangError) -> Value {
    switch value {
    case .list(let storage):
      if case .slice(let a, let b, let c) = index {
        return .list(
          ListStorage(try sliceIndices(storage.elements.count, a, b, c, at: location).map { storage.elements[$0] }))
      }
      return storage.elements[try normalizedIndex(index, count: storage.elements.count, kind: "list", at: location)]
    case .tuple(let tuple):
      let elements = tuple.elements
      if case .slice(let a, let b, let c) = index {
        return .tuple(try sliceIndices(elements.count, a, b, c, at: location).map { elements[$0] })
      }
      return elements[try normalizedIndex(index, count: elements.count, kind: "tuple", at: location)]
    case .string(let text):
      // Python indexes code points; finding one is a scan of the text.
      try work(text.utf8.count / Self.bytesPerStep, at: location)
      let scalars = Array(text.unicodeScalars)
      if case .slice(let a, let b, let c) = index {
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: try sliceIndices(scalars.count, a, b, c, at: location).lazy.map { scalars[$0] })
        return .string(String(slice))
      }
      return .string(String(scalars[try normalizedIndex(index, count: scalars.count, kind: "string", at: location)]))
    case .range(let start, let stop, let step):
      let count = rangeCount(start, stop, step)
      if case .slice = index {
        throw ArchLangError(.unsupported, "slicing a range is not supported; convert it with list()", at: location)
      }
      return .int(start + step * (try normalizedIndex(index, count: count, kind: "range", at: location)))
    case .dict(let storage):
      guard let key = try hashKey(index, at: location) else {
        throw ArchLangError(.runtime, "unhashable type: '\(index.typeName)'", at: location)
      }
      guard let found = storage.value(for: key) else {
        throw ArchLangError(.runtime, "key \(try repr(index)) not found in dict", at: location)
      }
      return found
    case .native:
      if let result = try backend?.subscriptValue(value, index, interpreter: self, at: location) { return result }
      if let elements = try nativeElements(value, at: location) {
        if case .slice(let a, let b, let c) = index {
          return .list(ListStorage(try sliceIndices(elements.count, a, b, c, at: location).map { elements[$0] }))
        }
        return elements[try normalizedIndex(index, count: elements.count, kind: value.typeName, at: location)]
      }
      throw ArchLangError(.runtime, "'\(value.typeName)' object is not subscriptable", at: location)
    default:
      throw ArchLangError(.runtime, "'\(value.typeName)' object is not subscriptable", at: location)
    }
  }

  /// The number of elements in `range(start, stop, step)`.
  func rangeCount(_ start: Int, _ stop: Int, _ step: Int) -> Int {
    if step > 0 {
      guard start < stop else { return 0 }
      let (span, overflow) = stop.subtractingReportingOverflow(start)
      return overflow ? Int.max : (span - 1) / step + 1
    }
    guard start > stop else { return 0 }
    if step == Int.min { return 1 }
    let (span, overflow) = start.subtractingReportingOverflow(stop)
    return overflow ? Int.max : (span - 1) / (-step) + 1
  }

  /// `container[index] = value`.
  func setItem(of container: Value, _ index: Value, _ value: Value, at location: SourceLocation) throws(ArchLangError) {
    switch container {
    case .list(let storage):
      if case .slice = index {
        throw ArchLangError(.unsupported, "slice assignment is not supported", at: location)
      }
      storage.elements[try normalizedIndex(index, count: storage.elements.count, kind: "list", at: location)] = value
    case .dict(let storage):
      guard let key = try hashKey(index, at: location) else {
        throw ArchLangError(.runtime, "unhashable type: '\(index.typeName)'", at: location)
      }
      storage.set(value, for: key, original: index)
      try checkSize(storage.count, at: location)
    default:
      throw ArchLangError(.runtime, "'\(container.typeName)' object does not support item assignment", at: location)
    }
  }
}
