import CZlib
import Foundation

/// A read-only zip archive held in memory: enough of the format for numpy's `.npz` files.
///
/// Reads the central directory (with Zip64 records, which numpy forces), and extracts entries that are stored
/// or deflate-compressed (`savez_compressed`), checking each entry's CRC-32.
public struct ZipArchive: Sendable {
  /// One file in the archive, as the central directory describes it.
  public struct Entry: Sendable {
    /// The entry's name, e.g. `x_train.npy`.
    public let name: String
    /// 0 for stored, 8 for deflate.
    public let compressionMethod: UInt16
    /// The CRC-32 of the uncompressed bytes.
    public let crc32: UInt32
    /// The size of the bytes as stored.
    public let compressedSize: Int
    /// The size of the bytes after extraction.
    public let uncompressedSize: Int
    /// Where the entry's local header starts.
    public let localHeaderOffset: Int
  }

  /// The archive's bytes.
  private let bytes: [UInt8]
  /// Where the archive came from, for error messages.
  public let path: String
  /// The entries in central-directory order.
  public let entries: [Entry]

  /// Reads and indexes the archive at `path`.
  public init(contentsOf path: String) throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw TasksError.unreadableFile(path: path, reason: error.localizedDescription)
    }
    try self.init(data: data, path: path)
  }

  /// Indexes an archive already in memory; `path` is used in error messages.
  public init(data: Data, path: String) throws {
    let bytes = [UInt8](data)
    self.bytes = bytes
    self.path = path
    self.entries = try Self.readCentralDirectory(bytes, path: path)
  }

  /// The entry called `name`, if there is one.
  public func entry(named name: String) -> Entry? {
    entries.first { $0.name == name }
  }

  /// The uncompressed bytes of `entry`.
  public func extract(_ entry: Entry) throws -> Data {
    let local = entry.localHeaderOffset
    guard local + 30 <= bytes.count, Self.u32(bytes, local) == 0x0403_4B50 else {
      throw TasksError.malformedFile(path: path, reason: "bad local header for \(entry.name)")
    }
    let start = local + 30 + Int(Self.u16(bytes, local + 26)) + Int(Self.u16(bytes, local + 28))
    guard start + entry.compressedSize <= bytes.count else {
      throw TasksError.malformedFile(path: path, reason: "\(entry.name) runs past the end of the archive")
    }
    let stored = bytes[start..<(start + entry.compressedSize)]
    let output: [UInt8]
    switch entry.compressionMethod {
    case 0:
      output = Array(stored)
    case 8:
      output = try inflate(Array(stored), expectedSize: entry.uncompressedSize, name: entry.name)
    default:
      throw TasksError.malformedFile(
        path: path,
        reason: "\(entry.name) uses compression method \(entry.compressionMethod); only stored and deflate are read")
    }
    guard output.count == entry.uncompressedSize else {
      throw TasksError.malformedFile(
        path: path, reason: "\(entry.name) extracted to \(output.count) bytes, expected \(entry.uncompressedSize)")
    }
    let checksum = output.withUnsafeBufferPointer { buffer in
      UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
    }
    guard checksum == entry.crc32 else {
      throw TasksError.malformedFile(path: path, reason: "\(entry.name) fails its CRC-32 check")
    }
    return Data(output)
  }

  /// Raw-deflate decompression with zlib (negative window bits: no zlib header, as in zip).
  private func inflate(_ input: [UInt8], expectedSize: Int, name: String) throws -> [UInt8] {
    var output = [UInt8](repeating: 0, count: max(expectedSize, 1))
    var stream = z_stream()
    var status = inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      throw TasksError.malformedFile(path: path, reason: "zlib could not start inflating \(name) (\(status))")
    }
    defer { inflateEnd(&stream) }
    var produced = 0
    input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.avail_in = uInt(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = uInt(target.count)
        status = CZlib.inflate(&stream, Z_FINISH)
        produced = target.count - Int(stream.avail_out)
      }
    }
    guard status == Z_STREAM_END else {
      throw TasksError.malformedFile(
        path: path, reason: "\(name) is not a complete deflate stream (zlib status \(status))")
    }
    return Array(output[..<produced])
  }

  /// Finds the end-of-central-directory record (and its Zip64 version when present) and reads every entry.
  private static func readCentralDirectory(_ bytes: [UInt8], path: String) throws -> [Entry] {
    guard bytes.count >= 22 else { throw TasksError.malformedFile(path: path, reason: "too short for a zip archive") }
    // The record sits at the end, followed by a comment of at most 65,535 bytes.
    let lowest = max(0, bytes.count - 22 - 65_535)
    var endRecord = -1
    var position = bytes.count - 22
    while position >= lowest {
      if u32(bytes, position) == 0x0605_4B50 {
        endRecord = position
        break
      }
      position -= 1
    }
    guard endRecord >= 0 else { throw TasksError.malformedFile(path: path, reason: "no end of central directory") }
    var entryCount = Int(u16(bytes, endRecord + 10))
    var directoryOffset = Int(u32(bytes, endRecord + 16))
    let locator = endRecord - 20
    if locator >= 0, u32(bytes, locator) == 0x0706_4B50 {
      let zip64Record = Int(u64(bytes, locator + 8))
      guard zip64Record + 56 <= bytes.count, u32(bytes, zip64Record) == 0x0606_4B50 else {
        throw TasksError.malformedFile(path: path, reason: "bad Zip64 end of central directory")
      }
      entryCount = Int(u64(bytes, zip64Record + 32))
      directoryOffset = Int(u64(bytes, zip64Record + 48))
    }

    var entries = [Entry]()
    var cursor = directoryOffset
    for _ in 0..<entryCount {
      guard cursor + 46 <= bytes.count, u32(bytes, cursor) == 0x0201_4B50 else {
        throw TasksError.malformedFile(path: path, reason: "bad central directory entry")
      }
      let method = u16(bytes, cursor + 10)
      let crc = u32(bytes, cursor + 16)
      var compressed = UInt64(u32(bytes, cursor + 20))
      var uncompressed = UInt64(u32(bytes, cursor + 24))
      let nameLength = Int(u16(bytes, cursor + 28))
      let extraLength = Int(u16(bytes, cursor + 30))
      let commentLength = Int(u16(bytes, cursor + 32))
      var localOffset = UInt64(u32(bytes, cursor + 42))
      let nameStart = cursor + 46
      guard nameStart + nameLength + extraLength <= bytes.count else {
        throw TasksError.malformedFile(path: path, reason: "central directory runs past the end")
      }
      let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)

      // Zip64 extra field: 64-bit values for exactly those fields that hold 0xFFFFFFFF, in this order.
      var extra = nameStart + nameLength
      let extraEnd = extra + extraLength
      while extra + 4 <= extraEnd {
        let tag = u16(bytes, extra)
        let size = Int(u16(bytes, extra + 2))
        if tag == 0x0001 {
          var field = extra + 4
          if uncompressed == 0xFFFF_FFFF { uncompressed = u64(bytes, field); field += 8 }
          if compressed == 0xFFFF_FFFF { compressed = u64(bytes, field); field += 8 }
          if localOffset == 0xFFFF_FFFF { localOffset = u64(bytes, field) }
        }
        extra += 4 + size
      }
      entries.append(
        Entry(
          name: name, compressionMethod: method, crc32: crc, compressedSize: Int(compressed),
          uncompressedSize: Int(uncompressed), localHeaderOffset: Int(localOffset)))
      cursor = extraEnd + commentLength
    }
    return entries
  }

  @inline(__always)
  private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
  }

  @inline(__always)
  private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
  }

  @inline(__always)
  private static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
    UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32
  }
}
