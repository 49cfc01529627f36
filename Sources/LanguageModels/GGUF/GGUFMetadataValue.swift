/// One value of a GGUF metadata key-value pair, of any of the thirteen GGUF value types.
public enum GGUFMetadataValue: Sendable, Equatable {
  case uint8(UInt8)
  case int8(Int8)
  case uint16(UInt16)
  case int16(Int16)
  case uint32(UInt32)
  case int32(Int32)
  case float32(Float)
  case bool(Bool)
  case string(String)
  case array([GGUFMetadataValue])
  case uint64(UInt64)
  case int64(Int64)
  case float64(Double)

  /// The value as an integer when it is any integer type.
  public var intValue: Int? {
    switch self {
    case .uint8(let v): return Int(v)
    case .int8(let v): return Int(v)
    case .uint16(let v): return Int(v)
    case .int16(let v): return Int(v)
    case .uint32(let v): return Int(v)
    case .int32(let v): return Int(v)
    case .uint64(let v): return Int(exactly: v)
    case .int64(let v): return Int(v)
    default: return nil
    }
  }

  /// The value as a float when it is any numeric type.
  public var floatValue: Float? {
    switch self {
    case .float32(let v): return v
    case .float64(let v): return Float(v)
    default: return intValue.map { Float($0) }
    }
  }

  /// The value when it is a string.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The value when it is a boolean.
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The elements when the value is an array.
  public var arrayValue: [GGUFMetadataValue]? {
    if case .array(let a) = self { return a }
    return nil
  }
}
