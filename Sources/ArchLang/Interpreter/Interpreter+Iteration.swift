extension Interpreter {
  /// Python's `sum` and `math.prod`: `start` combined with each element of `iterable` in turn by `op`.
  func fold(
    _ op: BinaryOperator, start: Value, _ iterable: Value, at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    var result = start
    try forEachElement(of: iterable, at: location) { (element) throws(ArchLangError) -> Bool in
      result = try binary(op, result, element, at: location)
      return true
    }
    return result
  }

  /// Calls `body` with each element of an iterable value until it returns false; every element costs a step, so
  /// iterating `range(10**12)` stops at the step limit instead of hanging or allocating.
  func forEachElement(
    of value: Value, at location: SourceLocation, _ body: (Value) throws(ArchLangError) -> Bool
  ) throws(ArchLangError) {
    switch value {
    case .list(let storage):
      var index = 0
      // Index-based so that appending inside the loop behaves as in Python (it sees the new elements).
      while index < storage.elements.count {
        try tick(location)
        if !(try body(storage.elements[index])) { return }
        index += 1
      }
    case .tuple(let tuple):
      for element in tuple.elements {
        try tick(location)
        if !(try body(element)) { return }
      }
    case .range(let start, let stop, let step):
      var current = start
      while step > 0 ? current < stop : current > stop {
        try tick(location)
        if !(try body(.int(current))) { return }
        let (next, overflow) = current.addingReportingOverflow(step)
        if overflow { return }
        current = next
      }
    case .dict(let storage):
      for key in storage.keys {
        try tick(location)
        if !(try body(key)) { return }
      }
    case .string(let text):
      for scalar in text.unicodeScalars {
        try tick(location)
        if !(try body(.string(String(scalar)))) { return }
      }
    default:
      if let elements = try nativeElements(value, at: location) {
        for element in elements {
          try tick(location)
          if !(try body(element)) { return }
        }
        return
      }
      throw ArchLangError(.runtime, "'\(value.typeName)' object is not iterable", at: location)
    }
  }

  /// All elements of an iterable, bounded by the collection-size limit. Every element costs a step, as the
  /// caller goes on to look at each.
  func elements(of value: Value, at location: SourceLocation) throws(ArchLangError) -> [Value] {
    if case .tuple(let tuple) = value {
      try work(tuple.elements.count, at: location)
      return tuple.elements
    }
    if case .list(let storage) = value {
      try work(storage.elements.count, at: location)
      return storage.elements
    }
    var result: [Value] = []
    try forEachElement(of: value, at: location) { (element) throws(ArchLangError) -> Bool in
      result.append(element)
      try checkSize(result.count, at: location)
      try chargeElements(1, at: location)
      return true
    }
    return result
  }

  /// Elements of an engine object that can be iterated (a `ModuleList`, a tensor's first dimension).
  func nativeElements(_ value: Value, at location: SourceLocation) throws(ArchLangError) -> [Value]? {
    guard case .native(let object) = value, let sequence = object as? any NativeSequence else { return nil }
    return try sequence.elements(interpreter: self, at: location)
  }

  /// Python truthiness.
  func truth(_ value: Value, at location: SourceLocation) throws(ArchLangError) -> Bool {
    switch value {
    case .none: return false
    case .bool(let flag): return flag
    case .int(let number): return number != 0
    case .float(let number): return number != 0
    case .string(let text): return !text.isEmpty
    case .list(let storage): return !storage.elements.isEmpty
    case .tuple(let tuple): return !tuple.elements.isEmpty
    case .dict(let storage): return storage.count > 0
    case .range(let start, let stop, let step): return step > 0 ? start < stop : start > stop
    case .native(let object):
      if let sequence = object as? any NativeSequence {
        return try !sequence.elements(interpreter: self, at: location).isEmpty
      }
      if let scalar = object as? any NativeScalar { return try scalar.scalarValue(at: location) != 0 }
      return true
    default: return true
    }
  }
}
