/// Why a dataset could not be read.
public enum TasksError: Error, Equatable, CustomStringConvertible {
  /// A file could not be opened or read.
  case unreadableFile(path: String, reason: String)
  /// A file's bytes are not in the expected format (truncated zip, bad `.npy` header, …).
  case malformedFile(path: String, reason: String)
  /// An array the dataset needs is not present in an archive.
  case missingArray(path: String, names: [String])
  /// The arrays were read but do not form a valid dataset.
  case invalidData(String)

  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
    case .malformedFile(let path, let reason): "\(path) is malformed: \(reason)"
    case .missingArray(let path, let names): "\(path) has no array named \(names.joined(separator: " or "))"
    case .invalidData(let reason): "invalid dataset: \(reason)"
    }
  }
}
