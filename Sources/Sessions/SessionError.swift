/// What can go wrong reading or writing a session, with where.
public enum SessionError: Error, Equatable, CustomStringConvertible {
  /// The folder has no `session.jsonl`.
  case missingLog(path: String)
  /// A new session was asked for where one already exists.
  case alreadyExists(path: String)
  /// The first line is not a session header, or names a format this version cannot read.
  case badHeader(path: String, detail: String)
  /// A line other than the last cannot be read: the file was edited or damaged.
  case corruptLine(path: String, line: Int, detail: String)
  /// Writing failed (disk full, permissions).
  case writeFailed(path: String, detail: String)

  public var description: String {
    switch self {
    case .missingLog(let path): "no session log at \(path)"
    case .alreadyExists(let path): "a session already exists at \(path); use `evoprompting resume` to continue it"
    case .badHeader(let path, let detail): "\(path):1: not a session log this version can read (\(detail))"
    case .corruptLine(let path, let line, let detail): "\(path):\(line): unreadable event (\(detail))"
    case .writeFailed(let path, let detail): "cannot write \(path): \(detail)"
    }
  }
}
