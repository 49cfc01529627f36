/// A bounds-checked little-endian cursor over the header part of a mapped GGUF file.
struct GGUFByteReader {
  let base: UnsafeRawPointer
  let count: Int
  private(set) var offset = 0

  mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
    let size = MemoryLayout<T>.size
    guard offset + size <= count else { throw GGUFError.truncated(offset: offset) }
    let value = T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    offset += size
    return value
  }

  mutating func readString() throws -> String {
    let length = Int(try read(UInt64.self))
    guard length >= 0, offset + length <= count else { throw GGUFError.truncated(offset: offset) }
    let bytes = UnsafeRawBufferPointer(start: base + offset, count: length)
    offset += length
    return String(decoding: bytes, as: UTF8.self)
  }

  mutating func readValue(type: UInt32) throws -> GGUFMetadataValue {
    switch type {
    case 0: return .uint8(try read(UInt8.self))
    case 1: return .int8(try read(Int8.self))
    case 2: return .uint16(try read(UInt16.self))
    case 3: return .int16(try read(Int16.self))
    case 4: return .uint32(try read(UInt32.self))
    case 5: return .int32(try read(Int32.self))
    case 6: return .float32(Float(bitPattern: try read(UInt32.self)))
    case 7: return .bool(try read(UInt8.self) != 0)
    case 8: return .string(try readString())
    case 9:
      let elementType = try read(UInt32.self)
      let length = Int(try read(UInt64.self))
      guard length >= 0, length <= count else { throw GGUFError.truncated(offset: offset) }
      var elements: [GGUFMetadataValue] = []
      elements.reserveCapacity(length)
      for _ in 0..<length { elements.append(try readValue(type: elementType)) }
      return .array(elements)
    case 10: return .uint64(try read(UInt64.self))
    case 11: return .int64(try read(Int64.self))
    case 12: return .float64(Double(bitPattern: try read(UInt64.self)))
    default: throw GGUFError.unknownValueType(type)
    }
  }
}
