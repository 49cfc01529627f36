/// A hashable form of the values that may be dict keys (numbers, strings, booleans, None, tuples of these).
public enum DictKey: Hashable {
  case none
  case int(Int)
  case float(UInt64)
  case string(String)
  case tuple([DictKey])
  /// Identity of a reference object (classes, instances, functions).
  case object(ObjectIdentifier)

  /// The key for `value`, or nil when the value is unhashable (a list or dict).
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
    case .tuple(let elements):
      var keys: [DictKey] = []
      for element in elements {
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
