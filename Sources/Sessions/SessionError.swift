import Foundation

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
  /// Another process is writing to the session (its PID, when it could be read).
  case locked(path: String, holder: Int32?)

  public var description: String {
    switch self {
    case .missingLog(let path): "no session log at \(path)"
    case .alreadyExists(let path): "a session already exists at \(path); use `evoprompting resume` to continue it"
    case .badHeader(let path, let detail): "\(path):1: not a session log this version can read (\(detail))"
    case .corruptLine(let path, let line, let detail): "\(path):\(line): unreadable event (\(detail))"
    case .writeFailed(let path, let detail): "cannot write \(path): \(detail)"
    case .locked(let path, let holder):
      "the session \(path) is in use by another evoprompting process"
        + (holder.map { " (PID \($0))" } ?? "")
        + "; only one run or resume may write to a session at a time (report and replay may read it meanwhile)"
    }
  }
}

extension SessionError {
  /// What went wrong with a file operation, in a few words (`Not a directory`, `Permission denied`) rather than
  /// Foundation's error object.
  public static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    var current: Error? = error
    while let candidate = current {
      if let posix = candidate as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
      let bridged = candidate as NSError
      if bridged.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(bridged.code))) }
      current = (candidate as? CocoaError)?.underlying ?? bridged.userInfo[NSUnderlyingErrorKey] as? Error
    }
    switch nsError.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
    case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
    case NSFileWriteOutOfSpaceError: return "no space left on the device"
    default: return "the file could not be written"
    }
  }
}
