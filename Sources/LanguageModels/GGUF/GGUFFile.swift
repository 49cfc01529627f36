import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A GGUF file mapped read-only into memory: its metadata, its tensor directory, and raw access to tensor bytes.
///
/// Tensor data is never copied: weights are read straight out of the mapping, so opening a 100 MB model costs
/// only the page faults of what is used. The mapping lives as long as this object.
public final class GGUFFile: @unchecked Sendable {
  /// The path the file was opened from.
  public let path: String
  /// GGUF format version (2 or 3).
  public let version: UInt32
  /// Every metadata key-value pair, in file order.
  public let metadata: [String: GGUFMetadataValue]
  /// Metadata keys in file order.
  public let metadataKeys: [String]
  /// Tensor directory entries in file order.
  public let tensors: [GGUFTensorInfo]
  /// Alignment of the tensor data section (`general.alignment`, default 32).
  public let alignment: Int
  /// Start of the mapped bytes.
  public let baseAddress: UnsafeRawPointer
  /// Size of the mapping in bytes.
  public let byteCount: Int
  private let tensorIndex: [String: Int]

  /// Maps `path` and parses its header, metadata and tensor directory.
  public init(path: String) throws {
    self.path = path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw GGUFError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else {
      throw GGUFError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    let size = Int(status.st_size)
    guard size >= 24 else { throw GGUFError.notGGUF(path: path) }
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
      throw GGUFError.cannotOpen(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
    }
    let base = UnsafeRawPointer(mapped)
    var reader = GGUFByteReader(base: base, count: size)
    do {
      guard try reader.read(UInt32.self) == 0x4655_4747 else { throw GGUFError.notGGUF(path: path) }
      let version = try reader.read(UInt32.self)
      guard version == 2 || version == 3 else { throw GGUFError.unsupportedVersion(version) }
      let tensorCount = Int(try reader.read(UInt64.self))
      let keyCount = Int(try reader.read(UInt64.self))
      var metadata: [String: GGUFMetadataValue] = [:]
      var keys: [String] = []
      keys.reserveCapacity(keyCount)
      for _ in 0..<keyCount {
        let key = try reader.readString()
        let type = try reader.read(UInt32.self)
        metadata[key] = try reader.readValue(type: type)
        keys.append(key)
      }
      let alignment = metadata["general.alignment"]?.intValue ?? 32
      var pending: [(String, [Int], UInt32, Int)] = []
      pending.reserveCapacity(tensorCount)
      for _ in 0..<tensorCount {
        let name = try reader.readString()
        let dimensionCount = Int(try reader.read(UInt32.self))
        var shape: [Int] = []
        for _ in 0..<dimensionCount { shape.append(Int(try reader.read(UInt64.self))) }
        let type = try reader.read(UInt32.self)
        let offset = Int(try reader.read(UInt64.self))
        pending.append((name, shape, type, offset))
      }
      let dataStart = (reader.offset + alignment - 1) / alignment * alignment
      var tensors: [GGUFTensorInfo] = []
      var index: [String: Int] = [:]
      for (name, shape, rawType, offset) in pending {
        guard let type = GGMLType(rawValue: rawType) else {
          throw GGUFError.unknownTensorType(name: name, type: rawType)
        }
        let info = GGUFTensorInfo(name: name, shape: shape, type: type, fileOffset: dataStart + offset)
        guard info.shape[0] % type.blockSize == 0, info.fileOffset + info.byteCount <= size else {
          throw GGUFError.truncated(offset: info.fileOffset)
        }
        index[name] = tensors.count
        tensors.append(info)
      }
      self.version = version
      self.metadata = metadata
      self.metadataKeys = keys
      self.tensors = tensors
      self.tensorIndex = index
      self.alignment = alignment
      self.baseAddress = base
      self.byteCount = size
    } catch {
      munmap(mapped, size)
      throw error
    }
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: baseAddress), byteCount)
  }

  /// The directory entry of the tensor called `name`, if present.
  public func tensor(named name: String) -> GGUFTensorInfo? {
    tensorIndex[name].map { tensors[$0] }
  }

  /// The raw bytes of a tensor inside the mapping.
  public func data(of tensor: GGUFTensorInfo) -> UnsafeRawPointer {
    baseAddress + tensor.fileOffset
  }

  /// A tensor's values converted to `Float`, in storage order.
  public func floats(of tensor: GGUFTensorInfo) -> [Float] {
    [Float](unsafeUninitializedCapacity: tensor.elementCount) { buffer, initialized in
      GGMLDequantizer.dequantize(
        tensor.type, source: data(of: tensor), count: tensor.elementCount, into: buffer.baseAddress!)
      initialized = tensor.elementCount
    }
  }

  /// The integer value of `key`, or nil.
  public func int(_ key: String) -> Int? { metadata[key]?.intValue }
  /// The float value of `key`, or nil.
  public func float(_ key: String) -> Float? { metadata[key]?.floatValue }
  /// The string value of `key`, or nil.
  public func string(_ key: String) -> String? { metadata[key]?.stringValue }
  /// The boolean value of `key`, or nil.
  public func bool(_ key: String) -> Bool? { metadata[key]?.boolValue }
}
