import Foundation

/// An array read from numpy's `.npy` format (version 1, 2 or 3): its element type, shape and raw bytes.
///
/// Only little-endian (or single-byte) numeric element types are read; Fortran-ordered 2-D arrays are
/// transposed to row-major on conversion.
public struct NumpyArray: Sendable {
  /// The numeric element types this reader understands, by their numpy `descr` string.
  public enum ElementType: String, Sendable {
    case float32 = "<f4"
    case float64 = "<f8"
    case int8 = "|i1"
    case uint8 = "|u1"
    case int16 = "<i2"
    case int32 = "<i4"
    case int64 = "<i8"

    /// Bytes per element.
    public var byteCount: Int {
      switch self {
      case .int8, .uint8: 1
      case .int16: 2
      case .float32, .int32: 4
      case .float64, .int64: 8
      }
    }
  }

  /// The element type.
  public let elementType: ElementType
  /// The dimensions, outermost first.
  public let shape: [Int]
  /// Whether the bytes are column-major (numpy's `fortran_order`).
  public let isFortranOrder: Bool
  /// The element bytes, little-endian.
  let payload: Data

  /// The number of elements.
  public var elementCount: Int { shape.reduce(1, *) }

  /// Parses the bytes of one `.npy` file; `name` is used in error messages.
  public init(npyData data: Data, name: String) throws {
    let bytes = [UInt8](data)
    let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
      throw TasksError.malformedFile(path: name, reason: "not a .npy array (bad magic)")
    }
    let major = bytes[6]
    let headerLength: Int
    let headerStart: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw TasksError.malformedFile(path: name, reason: "truncated header") }
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
      headerStart = 12
    default:
      throw TasksError.malformedFile(path: name, reason: ".npy version \(major) is not supported")
    }
    guard bytes.count >= headerStart + headerLength,
      let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8)
    else { throw TasksError.malformedFile(path: name, reason: "truncated header") }

    let descr = try Self.headerValue(of: "descr", in: header, name: name)
    let trimmedDescr = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
    // numpy writes single-byte types with "|", but "<i1" and "<u1" mean the same.
    let normalisedDescr = trimmedDescr.replacingOccurrences(of: "<i1", with: "|i1")
      .replacingOccurrences(of: "<u1", with: "|u1")
    guard let elementType = ElementType(rawValue: normalisedDescr) else {
      throw TasksError.malformedFile(path: name, reason: "element type \(trimmedDescr) is not supported")
    }
    let fortran = try Self.headerValue(of: "fortran_order", in: header, name: name)
    let shapeText = try Self.headerValue(of: "shape", in: header, name: name)
    let shape = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
      .split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
      .compactMap { Int($0) }
    let payloadStart = headerStart + headerLength
    let expected = shape.reduce(1, *) * elementType.byteCount
    guard bytes.count - payloadStart >= expected else {
      throw TasksError.malformedFile(
        path: name, reason: "holds \(bytes.count - payloadStart) data bytes, shape \(shape) needs \(expected)")
    }
    self.elementType = elementType
    self.shape = shape
    self.isFortranOrder = fortran == "True"
    self.payload = data.subdata(in: (data.startIndex + payloadStart)..<(data.startIndex + payloadStart + expected))
  }

  /// The elements converted to `Float`, in row-major order.
  public func floatValues() -> [Float] {
    rowMajor(convert { Float($0) })
  }

  /// The elements converted to `Int32`, in row-major order; throws if a value is not a whole number in range.
  public func int32Values(name: String) throws -> [Int32] {
    let values = convert { $0 }
    var result = [Int32]()
    result.reserveCapacity(values.count)
    for value in values {
      guard let exact = Int32(exactly: value) else {
        throw TasksError.invalidData("\(name) holds \(value), which is not a 32-bit integer")
      }
      result.append(exact)
    }
    return rowMajor(result)
  }

  /// Each element widened to `Double` (exact for every supported type except `int64` beyond 2^53), then mapped.
  private func convert<T>(_ transform: (Double) -> T) -> [T] {
    let count = elementCount
    return payload.withUnsafeBytes { raw -> [T] in
      var out = [T]()
      out.reserveCapacity(count)
      for index in 0..<count {
        let offset = index * elementType.byteCount
        let value: Double
        switch elementType {
        case .float32:
          value = Double(
            Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
        case .float64:
          value = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        case .int8: value = Double(raw.load(fromByteOffset: offset, as: Int8.self))
        case .uint8: value = Double(raw.load(fromByteOffset: offset, as: UInt8.self))
        case .int16: value = Double(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int16.self)))
        case .int32: value = Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        case .int64: value = Double(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
        }
        out.append(transform(value))
      }
      return out
    }
  }

  /// Reorders column-major 2-D data to row-major; other arrays are returned as they are.
  private func rowMajor<T>(_ values: [T]) -> [T] {
    guard isFortranOrder, shape.count == 2 else { return values }
    let rows = shape[0]
    let columns = shape[1]
    var result = values
    for row in 0..<rows {
      for column in 0..<columns {
        result[row * columns + column] = values[column * rows + row]
      }
    }
    return result
  }

  /// The text of `'key': value` in the header's Python dict literal (a quoted string, a word, or a tuple).
  private static func headerValue(of key: String, in header: String, name: String) throws -> String {
    guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else {
      throw TasksError.malformedFile(path: name, reason: "header has no \(key)")
    }
    var rest = header[keyRange.upperBound...].drop { $0 == " " }
    guard rest.first == ":" else { throw TasksError.malformedFile(path: name, reason: "bad header near \(key)") }
    rest = rest.dropFirst().drop { $0 == " " }
    if rest.first == "(" {
      guard let close = rest.firstIndex(of: ")") else {
        throw TasksError.malformedFile(path: name, reason: "unterminated shape")
      }
      return String(rest[...close])
    }
    if let quote = rest.first, quote == "'" || quote == "\"" {
      guard let close = rest.dropFirst().firstIndex(of: quote) else {
        throw TasksError.malformedFile(path: name, reason: "unterminated string near \(key)")
      }
      return String(rest[...close])
    }
    return String(rest.prefix { $0 != "," && $0 != "}" }).trimmingCharacters(in: .whitespaces)
  }
}
