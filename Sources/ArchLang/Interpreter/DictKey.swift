/// A hashable form of the values that may be dict keys (numbers, strings, booleans, None, tuples of these).
public enum DictKey: Hashable {
  case none
  case int(Int)
  case float(UInt64)
  case string(String)
  case tuple([DictKey])
  /// Identity of a reference object (classes, instances, functions).
  case object(ObjectIdentifier)

  /// The key for `value`, or nil when the value is unhashable (a list or dict). Tuples nest without bound here;
  /// the interpreter makes keys with `Interpreter.hashKey`, which bounds the nesting and counts the work.
  public init?(_ value: Value) {
    switch value {
    case .none: self = .none
    case .bool(let flag): self = .int(flag ? 1 : 0)
    case .int(let number): self = .int(number)
    case .float(let number):
      if number.rounded() == number, abs(number) < 9.0e18 {
        self = .int(Int(number))
      } else {
        self = .float(number.bitPattern)
      }
    case .string(let text): self = .string(text)
    case .tuple(let tuple):
      var keys: [DictKey] = []
      for element in tuple.elements {
        guard let key = DictKey(element) else { return nil }
        keys.append(key)
      }
      self = .tuple(keys)
    case .classObject(let object): self = .object(ObjectIdentifier(object))
    case .instance(let object): self = .object(ObjectIdentifier(object))
    case .function(let object): self = .object(ObjectIdentifier(object))
    case .native(let object): self = .object(ObjectIdentifier(object))
    default: return nil
    }
  }
}

extension Interpreter {
  /// The dict key for `value` (nil when it is unhashable): a tuple nested deeper than the value-nesting limit is
  /// an error rather than a stack overflow, and hashing a long string or tuple costs steps.
  func hashKey(_ value: Value, at location: SourceLocation) throws(ArchLangError) -> DictKey? {
    switch value {
    case .string(let text):
      try work(text.utf8.count / Self.bytesPerStep, at: location)
      return .string(text)
    case .tuple(let tuple):
      return try nested(at: location) { () throws(ArchLangError) -> DictKey? in
        var keys: [DictKey] = []
        keys.reserveCapacity(tuple.elements.count)
        for element in tuple.elements {
          try tick(location)
          guard let key = try hashKey(element, at: location) else { return nil }
          keys.append(key)
        }
        return .tuple(keys)
      }
    default:
      return DictKey(value)
    }
  }
}
