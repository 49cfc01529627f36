import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The append-only, versioned event log of a session folder (`session.jsonl`).
///
/// Every event is written as one JSON line and flushed to disk (`fsync`) before `append` returns, so the caller
/// acts only on recorded events and a crash loses at most the line being written. A truncated last line found
/// when opening is reported in `recoveredTail` and cut off before new events are appended; any other unreadable
/// line is an error, and the file is left untouched.
///
/// A log opened for writing holds the session's `SessionLock` for its whole life, so two processes can never
/// append to one session; `read` takes no lock.
public final class EventLog: Sendable {
  /// The log format this version writes and reads.
  public static let format = 1
  public static let fileName = "session.jsonl"

  /// The session folder.
  public let directory: URL
  /// What was cut from the end of the file when opening it after a crash (nil when the file was intact).
  public let recoveredTail: String?
  /// The session's one-writer lock, released with the log.
  public let lock: SessionLock
  private let state: Mutex<WriterState>

  private struct WriterState: ~Copyable {
    var descriptor: Int32
    var nextSequence: Int
  }

  /// The path of the log file.
  public var path: String { directory.appendingPathComponent(Self.fileName).path }

  private init(directory: URL, lock: SessionLock, descriptor: Int32, nextSequence: Int, recoveredTail: String?) {
    self.directory = directory
    self.lock = lock
    self.recoveredTail = recoveredTail
    state = Mutex(WriterState(descriptor: descriptor, nextSequence: nextSequence))
  }

  deinit {
    state.withLock { _ = close($0.descriptor) }
  }

  /// Creates a session folder with an empty log (its header line only), holding the session's lock.
  public static func create(at directory: URL) throws -> EventLog {
    let file = directory.appendingPathComponent(fileName)
    if FileManager.default.fileExists(atPath: file.path) { throw SessionError.alreadyExists(path: directory.path) }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw SessionError.writeFailed(path: directory.path, detail: "\(error.localizedDescription)")
    }
    let lock = try SessionLock.acquire(in: directory)
    let descriptor = Glibc.open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      if errno == EEXIST { throw SessionError.alreadyExists(path: directory.path) }
      throw SessionError.writeFailed(path: file.path, detail: String(cString: strerror(errno)))
    }
    let log = EventLog(directory: directory, lock: lock, descriptor: descriptor, nextSequence: 1, recoveredTail: nil)
    let header =
      "{\"format\":\(format),\"kind\":\"evoprompting-session\",\"created\":\(Date().timeIntervalSince1970)}\n"
    try log.write(header)
    return log
  }

  /// Opens an existing session for appending; returns the log and the events already in it.
  ///
  /// The session's lock is taken before the log is read (or `lock` is used, when the caller took it earlier), so
  /// the events returned are the whole log and nobody else appends after them.
  public static func open(at directory: URL, lock: SessionLock? = nil) throws -> (log: EventLog, events: [LoggedEvent])
  {
    let file = directory.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: file.path) else { throw SessionError.missingLog(path: file.path) }
    let lock = try lock ?? SessionLock.acquire(in: directory)
    let contents = try read(at: directory)
    let descriptor = Glibc.open(file.path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw SessionError.writeFailed(path: file.path, detail: String(cString: strerror(errno)))
    }
    if contents.recoveredTail != nil {
      // Cut the partial line so that the next event starts on a line of its own.
      guard ftruncate(descriptor, off_t(contents.intactByteCount)) == 0 else {
        let detail = String(cString: strerror(errno))
        _ = close(descriptor)
        throw SessionError.writeFailed(path: file.path, detail: detail)
      }
    }
    let next = (contents.events.last?.sequence ?? 0) + 1
    return (
      EventLog(
        directory: directory, lock: lock, descriptor: descriptor, nextSequence: next,
        recoveredTail: contents.recoveredTail),
      contents.events
    )
  }

  /// What a log file holds, read without changing it.
  public struct Contents: Sendable {
    public var events: [LoggedEvent]
    /// A partial or unreadable last line (what a crash mid-write leaves), or nil.
    public var recoveredTail: String?
    /// Bytes up to and including the last intact line.
    public var intactByteCount: Int
  }

  /// Reads every event of a session folder; a damaged last line is reported, not fatal.
  public static func read(at directory: URL) throws -> Contents {
    let file = directory.appendingPathComponent(fileName)
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw SessionError.missingLog(path: file.path)
    }
    var lines: [(bytes: Data, end: Int)] = []
    var start = data.startIndex
    while start < data.endIndex {
      if let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) {
        lines.append((data[start..<newline], newline + 1))
        start = newline + 1
      } else {
        lines.append((data[start...], -1))  // no newline: the write was cut short
        break
      }
    }
    guard let first = lines.first, first.end > 0,
      let header = try? JSONSerialization.jsonObject(with: first.bytes) as? [String: Any]
    else { throw SessionError.badHeader(path: file.path, detail: "the first line is not a JSON header") }
    guard let version = header["format"] as? Int else {
      throw SessionError.badHeader(path: file.path, detail: "the header has no format")
    }
    guard version == format else {
      throw SessionError.badHeader(path: file.path, detail: "format \(version); this version reads format \(format)")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    var events: [LoggedEvent] = []
    var intact = first.end
    for (index, line) in lines.enumerated().dropFirst() {
      let isLast = index == lines.count - 1
      if line.bytes.isEmpty && line.end > 0 {
        intact = line.end
        continue
      }
      do {
        guard line.end > 0 else {
          throw SessionError.corruptLine(path: file.path, line: index + 1, detail: "no end of line")
        }
        events.append(try decoder.decode(LoggedEvent.self, from: line.bytes))
        intact = line.end
      } catch {
        let text = String(decoding: line.bytes, as: UTF8.self)
        if isLast { return Contents(events: events, recoveredTail: text, intactByteCount: intact) }
        throw SessionError.corruptLine(path: file.path, line: index + 1, detail: Self.describe(error))
      }
    }
    return Contents(events: events, recoveredTail: nil, intactByteCount: intact)
  }

  /// Appends `event` and flushes it to disk before returning it with its sequence number and time.
  @discardableResult
  public func append(_ event: SessionEvent) throws -> LoggedEvent {
    try state.withLock { writer in
      let logged = LoggedEvent(sequence: writer.nextSequence, time: Date().timeIntervalSince1970, event: event)
      let encoder = JSONEncoder()
      encoder.keyEncodingStrategy = .convertToSnakeCase
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      var line = try encoder.encode(logged)
      line.append(UInt8(ascii: "\n"))
      try Self.writeAll(line, to: writer.descriptor, path: path)
      writer.nextSequence += 1
      return logged
    }
  }

  private func write(_ text: String) throws {
    try state.withLock { try Self.writeAll(Data(text.utf8), to: $0.descriptor, path: path) }
  }

  private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
    try data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw SessionError.writeFailed(path: path, detail: String(cString: strerror(errno)))
        }
        offset += written
      }
    }
    guard fsync(descriptor) == 0 else {
      throw SessionError.writeFailed(path: path, detail: String(cString: strerror(errno)))
    }
  }

  private static func describe(_ error: Error) -> String {
    if let decoding = error as? DecodingError {
      switch decoding {
      case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
        .valueNotFound(_, let context):
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
      @unknown default: return "\(error)"
      }
    }
    return "\(error)"
  }
}
