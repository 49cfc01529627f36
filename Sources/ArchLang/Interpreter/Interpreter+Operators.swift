import Foundation

extension Interpreter {
  /// The numeric view of a value: ints and bools as integers, floats as doubles.
  enum Number {
    case integer(Int)
    case real(Double)

    var asDouble: Double {
      switch self {
      case .integer(let value): return Double(value)
      case .real(let value): return value
      }
    }
  }

  func number(_ value: Value) -> Number? {
    switch value {
    case .bool(let flag): return .integer(flag ? 1 : 0)
    case .int(let number): return .integer(number)
    case .float(let number): return .real(number)
    default: return nil
    }
  }

  /// `-x`, `+x`, `~x`, `not x`.
  func unary(_ op: UnaryOperator, _ operand: Value, at location: SourceLocation) throws(ArchLangError) -> Value {
    if op == .not { return .bool(!(try truth(operand, at: location))) }
    if case .native = operand {
      if let result = try backend?.unary(op, operand, interpreter: self, at: location) { return result }
    }
    switch (op, number(operand)) {
    case (.negate, .integer(let value)?):
      guard value != Int.min else { throw ArchLangError(.runtime, "integer overflow", at: location) }
      return .int(-value)
    case (.negate, .real(let value)?): return .float(-value)
    case (.plus, .integer(let value)?): return .int(value)
    case (.plus, .real(let value)?): return .float(value)
    case (.invert, .integer(let value)?): return .int(~value)
    default:
      throw ArchLangError(.runtime, "bad operand type for unary \(op.rawValue): '\(operand.typeName)'", at: location)
    }
  }

  /// An arithmetic or bitwise operator with Python semantics; `inPlace` is set for augmented assignment (`+=` on a
  /// list extends it).
  func binary(
    _ op: BinaryOperator, _ left: Value, _ right: Value, at location: SourceLocation, inPlace: Bool = false
  ) throws(ArchLangError) -> Value {
    let unsupported = ArchLangError(
      .runtime, "unsupported operand types for \(op.rawValue): '\(left.typeName)' and '\(right.typeName)'", at: location
    )
    if case .native = left, let result = try backend?.binary(op, left, right, interpreter: self, at: location) {
      return result
    }
    if case .native = right, let result = try backend?.binary(op, left, right, interpreter: self, at: location) {
      return result
    }
    if let a = number(left), let b = number(right) {
      if case .integer(let x) = a, case .integer(let y) = b { return try integerBinary(op, x, y, at: location) }
      return try realBinary(op, a.asDouble, b.asDouble, at: location)
    }
    switch (op, left, right) {
    case (.add, .string(let a), .string(let b)):
      try checkSize(a.utf8.count + b.utf8.count, at: location)
      try charge(a.utf8.count + b.utf8.count, at: location)
      return .string(a + b)
    case (.add, .list(let a), .list(let b)):
      try checkSize(a.elements.count + b.elements.count, at: location)
      try chargeElements(inPlace ? b.elements.count : a.elements.count + b.elements.count, at: location)
      if inPlace {
        a.elements.append(contentsOf: b.elements)
        return left
      }
      return .list(ListStorage(a.elements + b.elements))
    case (.add, .list(let a), _) where inPlace:
      let extra = try elements(of: right, at: location)
      try checkSize(a.elements.count + extra.count, at: location)
      try chargeElements(extra.count, at: location)
      a.elements.append(contentsOf: extra)
      return left
    case (.add, .tuple(let a), .tuple(let b)):
      try checkSize(a.elements.count + b.elements.count, at: location)
      try chargeElements(a.elements.count + b.elements.count, at: location)
      return .tuple(a.elements + b.elements)
    case (.multiply, .string, .int), (.multiply, .int, .string),
      (.multiply, .list, .int), (.multiply, .int, .list),
      (.multiply, .tuple, .int), (.multiply, .int, .tuple),
      (.multiply, .string, .bool), (.multiply, .list, .bool), (.multiply, .tuple, .bool):
      var sequence = left
      var countValue = right
      if number(left) != nil {
        sequence = right
        countValue = left
      }
      guard case .integer(let rawCount)? = number(countValue) else { throw unsupported }
      let count = max(0, rawCount)
      switch sequence {
      case .string(let text):
        let (total, overflow) = text.utf8.count.multipliedReportingOverflow(by: count)
        try checkSize(overflow ? Int.max : total, at: location)
        try charge(total, at: location)
        return .string(String(repeating: text, count: count))
      case .list(let storage):
        let (total, overflow) = storage.elements.count.multipliedReportingOverflow(by: count)
        try checkSize(overflow ? Int.max : total, at: location)
        try chargeElements(total, at: location)
        let repeated = Interpreter.repeated(storage.elements, count: count)
        if inPlace {
          storage.elements = repeated
          return sequence
        }
        return .list(ListStorage(repeated))
      case .tuple(let tuple):
        let (total, overflow) = tuple.elements.count.multipliedReportingOverflow(by: count)
        try checkSize(overflow ? Int.max : total, at: location)
        try chargeElements(total, at: location)
        return .tuple(Interpreter.repeated(tuple.elements, count: count))
      default:
        throw unsupported
      }
    case (.modulo, .string, _):
      throw ArchLangError(
        .unsupported, "'%' string formatting is not supported; use an f-string or str.format", at: location)
    default:
      throw unsupported
    }
  }

  /// `elements` repeated `count` times, built in one buffer.
  static func repeated(_ elements: [Value], count: Int) -> [Value] {
    if elements.count == 1 { return Array(repeating: elements[0], count: count) }
    var result: [Value] = []
    result.reserveCapacity(elements.count * count)
    for _ in 0..<count { result.append(contentsOf: elements) }
    return result
  }

  private func integerBinary(_ op: BinaryOperator, _ x: Int, _ y: Int, at location: SourceLocation)
    throws(ArchLangError)
    -> Value
  {
    let overflow = ArchLangError(.runtime, "integer overflow in \(op.rawValue)", at: location)
    let zero = ArchLangError(.runtime, "division by zero", at: location)
    func checked(_ result: (partialValue: Int, overflow: Bool)) throws(ArchLangError) -> Value {
      if result.overflow { throw overflow }
      return .int(result.partialValue)
    }
    switch op {
    case .add: return try checked(x.addingReportingOverflow(y))
    case .subtract: return try checked(x.subtractingReportingOverflow(y))
    case .multiply: return try checked(x.multipliedReportingOverflow(by: y))
    case .divide:
      if y == 0 { throw zero }
      return .float(Double(x) / Double(y))
    case .floorDivide:
      if y == 0 { throw zero }
      if x == Int.min && y == -1 { throw overflow }
      let quotient = x / y
      return .int((x % y != 0 && (x < 0) != (y < 0)) ? quotient - 1 : quotient)
    case .modulo:
      if y == 0 { throw zero }
      if y == -1 { return .int(0) }
      let remainder = x % y
      return .int(remainder != 0 && (remainder < 0) != (y < 0) ? remainder + y : remainder)
    case .power:
      if y < 0 {
        if x == 0 { throw ArchLangError(.runtime, "0 cannot be raised to a negative power", at: location) }
        return .float(Foundation.pow(Double(x), Double(y)))
      }
      var result = 1
      var base = x
      var exponent = y
      while exponent > 0 {
        if exponent & 1 == 1 {
          let product = result.multipliedReportingOverflow(by: base)
          if product.overflow { throw overflow }
          result = product.partialValue
        }
        exponent >>= 1
        if exponent > 0 {
          let square = base.multipliedReportingOverflow(by: base)
          if square.overflow { throw overflow }
          base = square.partialValue
        }
      }
      return .int(result)
    case .leftShift:
      if y < 0 { throw ArchLangError(.runtime, "negative shift count", at: location) }
      if y >= 63 || (x != 0 && (x << y) >> y != x) { throw overflow }
      return .int(x << y)
    case .rightShift:
      if y < 0 { throw ArchLangError(.runtime, "negative shift count", at: location) }
      return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
    case .bitAnd: return .int(x & y)
    case .bitOr: return .int(x | y)
    case .bitXor: return .int(x ^ y)
    case .matrixMultiply:
      throw ArchLangError(.runtime, "unsupported operand types for @: 'int' and 'int'", at: location)
    }
  }

  private func realBinary(_ op: BinaryOperator, _ x: Double, _ y: Double, at location: SourceLocation)
    throws(ArchLangError) -> Value
  {
    let zero = ArchLangError(.runtime, "float division by zero", at: location)
    switch op {
    case .add: return .float(x + y)
    case .subtract: return .float(x - y)
    case .multiply: return .float(x * y)
    case .divide:
      if y == 0 { throw zero }
      return .float(x / y)
    case .floorDivide:
      if y == 0 { throw zero }
      return .float((x / y).rounded(.down))
    case .modulo:
      if y == 0 { throw zero }
      let remainder = x.truncatingRemainder(dividingBy: y)
      return .float(remainder != 0 && (remainder < 0) != (y < 0) ? remainder + y : remainder)
    case .power:
      if x == 0 && y < 0 { throw ArchLangError(.runtime, "0.0 cannot be raised to a negative power", at: location) }
      if x < 0 && y.rounded() != y {
        throw ArchLangError(.runtime, "a negative number raised to a fractional power is complex", at: location)
      }
      return .float(Foundation.pow(x, y))
    default:
      throw ArchLangError(.runtime, "unsupported operand types for \(op.rawValue): 'float'", at: location)
    }
  }

  /// A comparison with Python semantics.
  func compare(_ op: ComparisonOperator, _ left: Value, _ right: Value, at location: SourceLocation)
    throws(ArchLangError) -> Bool
  {
    switch op {
    case .equal: return try equals(left, right, at: location)
    case .notEqual: return !(try equals(left, right, at: location))
    case .isIdentical: return identical(left, right)
    case .isNotIdentical: return !identical(left, right)
    case .contains: return try contains(right, left, at: location)
    case .notContains: return !(try contains(right, left, at: location))
    case .less: return try order(left, right, at: location, op) < 0
    case .lessOrEqual: return try order(left, right, at: location, op) <= 0
    case .greater: return try order(left, right, at: location, op) > 0
    case .greaterOrEqual: return try order(left, right, at: location, op) >= 0
    }
  }

  private func identical(_ left: Value, _ right: Value) -> Bool {
    switch (left, right) {
    case (.none, .none), (.ellipsis, .ellipsis): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.list(let a), .list(let b)): return a === b
    case (.tuple(let a), .tuple(let b)): return a === b
    case (.dict(let a), .dict(let b)): return a === b
    case (.classObject(let a), .classObject(let b)): return a === b
    case (.instance(let a), .instance(let b)): return a === b
    case (.function(let a), .function(let b)): return a === b
    case (.builtin(let a), .builtin(let b)): return a === b
    case (.native(let a), .native(let b)): return a === b
    case (.namespace(let a), .namespace(let b)): return a == b
    default: return false
    }
  }

  /// Python `==`. Each pair of elements compared costs a step; a nest deeper than the value-nesting limit is an
  /// error (Python's RecursionError), so lists that hold themselves cannot recurse without bound.
  func equals(_ left: Value, _ right: Value, at location: SourceLocation) throws(ArchLangError) -> Bool {
    if let a = number(left), let b = number(right) {
      if case .integer(let x) = a, case .integer(let y) = b { return x == y }
      return a.asDouble == b.asDouble
    }
    switch (left, right) {
    case (.string(let a), .string(let b)):
      try work(Swift.min(a.utf8.count, b.utf8.count) / Self.bytesPerStep, at: location)
      return a == b
    case (.list(let a), .list(let b)): return try sequencesEqual(a.elements, b.elements, at: location)
    case (.tuple(let a), .tuple(let b)): return try sequencesEqual(a.elements, b.elements, at: location)
    case (.range(let a0, let a1, let a2), .range(let b0, let b1, let b2)): return (a0, a1, a2) == (b0, b1, b2)
    case (.dict(let a), .dict(let b)):
      guard a.count == b.count else { return false }
      return try nested(at: location) { () throws(ArchLangError) -> Bool in
        for (key, value) in zip(a.keys, a.values) {
          try tick(location)
          guard let hashable = try hashKey(key, at: location), let other = b.value(for: hashable) else { return false }
          if !identical(value, other), !(try equals(value, other, at: location)) { return false }
        }
        return true
      }
    default:
      return identical(left, right)
    }
  }

  /// Element-wise equality; identical elements are equal without a look inside, as in Python.
  private func sequencesEqual(_ a: [Value], _ b: [Value], at location: SourceLocation) throws(ArchLangError) -> Bool {
    guard a.count == b.count else { return false }
    return try nested(at: location) { () throws(ArchLangError) -> Bool in
      for (x, y) in zip(a, b) {
        try tick(location)
        if !identical(x, y), !(try equals(x, y, at: location)) { return false }
      }
      return true
    }
  }

  /// -1, 0 or 1 for `<` and friends; throws for values Python cannot order.
  func order(_ left: Value, _ right: Value, at location: SourceLocation, _ op: ComparisonOperator = .less)
    throws(ArchLangError) -> Int
  {
    if let a = number(left), let b = number(right) {
      if case .integer(let x) = a, case .integer(let y) = b { return x < y ? -1 : x > y ? 1 : 0 }
      let x = a.asDouble
      let y = b.asDouble
      if x.isNaN || y.isNaN { return 2 }
      return x < y ? -1 : x > y ? 1 : 0
    }
    switch (left, right) {
    case (.string(let a), .string(let b)):
      try work(Swift.min(a.utf8.count, b.utf8.count) / Self.bytesPerStep, at: location)
      return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : a == b ? 0 : 1
    case (.list(let a), .list(let b)): return try orderSequences(a.elements, b.elements, at: location)
    case (.tuple(let a), .tuple(let b)): return try orderSequences(a.elements, b.elements, at: location)
    default:
      throw ArchLangError(
        .runtime, "'\(op.rawValue)' is not supported between instances of '\(left.typeName)' and '\(right.typeName)'",
        at: location)
    }
  }

  private func orderSequences(_ a: [Value], _ b: [Value], at location: SourceLocation) throws(ArchLangError) -> Int {
    try nested(at: location) { () throws(ArchLangError) -> Int in
      for (x, y) in zip(a, b) {
        try tick(location)
        if identical(x, y) { continue }
        // Python orders sequences by their first unequal elements.
        if try equals(x, y, at: location) { continue }
        return try order(x, y, at: location)
      }
      return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
    }
  }

  /// Python `element in container`.
  func contains(_ container: Value, _ element: Value, at location: SourceLocation) throws(ArchLangError) -> Bool {
    switch container {
    case .string(let text):
      guard case .string(let part) = element else {
        throw ArchLangError(.runtime, "'in <string>' requires string as left operand", at: location)
      }
      // The search may compare the part at every position of the text.
      let (cost, overflow) = text.utf8.count.multipliedReportingOverflow(by: Swift.max(part.utf8.count, 1))
      try work(overflow ? Int.max : cost / Self.bytesPerStep, at: location)
      return part.isEmpty || text.contains(part)
    case .dict(let storage):
      guard let key = try hashKey(element, at: location) else { return false }
      return storage.value(for: key) != nil
    case .range(let start, let stop, let step):
      guard case .integer(let value)? = number(element) else { return false }
      if step > 0 ? (value < start || value >= stop) : (value > start || value <= stop) { return false }
      return (value - start) % step == 0
    default:
      var found = false
      try forEachElement(of: container, at: location) { (candidate) throws(ArchLangError) -> Bool in
        found = try equals(candidate, element, at: location)
        return !found
      }
      return found
    }
  }
}
