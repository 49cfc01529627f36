import ArchLang
import Foundation
import MemberwiseInit
import Sessions

/// The Ray submission id of one attempt at one candidate of one session:
/// `evoprompting-<session name>-<session hash>-<candidate>-<attempt>`, e.g. `evoprompting-mine-3f9a2c1b7e04-c17-1`
/// (`…-c17-screen-1` for the candidate's screening run).
///
/// It is a function of the session and the candidate alone, so a session resumed after a crash asks the head for
/// the jobs it may have submitted before and re-attaches to them instead of submitting the candidate twice.
@MemberwiseInit
public struct RaySubmissionID: Sendable, Hashable, CustomStringConvertible {
  public let session: RaySessionKey
  /// The candidate, with the stage of its evaluation when it has one (`c17-screen`).
  public let candidate: String
  /// 1 for the first submission of the candidate, 2 for its retry, …
  public let attempt: Int

  /// The id of `job`'s `attempt`: a stage of the candidate's evaluation (the screen) is a job of its own, which the
  /// full evaluation must not find again as its own.
  public init(session: RaySessionKey, job: EvaluationJob, attempt: Int) {
    self.init(session: session, candidate: job.stage.map { "\(job.id)-\($0)" } ?? job.id, attempt: attempt)
  }

  public var description: String { "\(session.prefix)-\(RaySessionKey.sanitize(candidate, limit: 40))-\(attempt)" }

  /// The attempt a submission id names (its last part), or nil for an id not made here.
  public static func attempt(of submissionId: String) -> Int? {
    submissionId.split(separator: "-").last.flatMap { Int($0) }
  }
}

/// What identifies a session in submission ids: its folder's name, readable, and a hash of the folder's name and
/// the first line of its log (which holds the session's creation time), so that two sessions never share ids,
/// not even a copy of a session folder resumed under another name.
public struct RaySessionKey: Sendable, Hashable, CustomStringConvertible {
  /// `evoprompting-<name>-<hash>`: every submission id of the session starts with it.
  public let prefix: String

  public init(name: String, identity: String) {
    let hash = String(StableHash.fnv1a64((name + "\n" + identity).utf8), radix: 16)
    prefix = "evoprompting-\(Self.sanitize(name, limit: 32))-\(String(repeating: "0", count: 16 - hash.count) + hash)"
  }

  /// The key of the session in `directory` (its log must exist: it is the session's identity).
  public static func of(sessionDirectory directory: URL) throws -> RaySessionKey {
    let log = directory.appendingPathComponent(EventLog.fileName)
    let handle = try FileHandle(forReadingFrom: log)
    defer { try? handle.close() }
    let head = try handle.read(upToCount: 4096) ?? Data()
    let firstLine = head.split(separator: UInt8(ascii: "\n"), maxSplits: 1).first ?? head
    return RaySessionKey(
      name: directory.standardizedFileURL.lastPathComponent, identity: String(decoding: firstLine, as: UTF8.self))
  }

  public var description: String { prefix }

  /// Letters, digits, `-` and `_` only (other characters become `_`), at most `limit` of them.
  static func sanitize(_ text: String, limit: Int) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    let cleaned = String(text.map { allowed.contains($0) ? $0 : "_" }.prefix(limit))
    return cleaned.isEmpty ? "_" : cleaned
  }
}
