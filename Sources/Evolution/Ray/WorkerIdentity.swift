import Foundation
import MemberwiseInit

/// What `evoprompting worker --version` prints: the release and the job format a worker understands, and the
/// tasks it can train. An executor that ships jobs to other machines (Ray) compares it with its own before it
/// submits a candidate, so that a node with another build fails once, clearly, instead of once per candidate.
@MemberwiseInit
public struct WorkerIdentity: Sendable, Equatable, Codable {
  /// The release of the `evoprompting` build.
  public var version: String
  /// The version of `EvaluationJob`'s JSON: raise it whenever a field changes meaning, appears or disappears.
  public var jobFormat: Int
  /// The tasks the worker can train.
  public var tasks: [String]

  /// This build. (`EvoPrompting`'s `--version` repeats the release string; it should read it from here.)
  public static let current = WorkerIdentity(
    version: "0.1.0", jobFormat: 2, tasks: TaskName.allNames)

  /// The marker key that tells an identity line from any other output.
  private static let marker = "evoprompting_worker"

  /// The identity as one JSON line:
  /// `{"evoprompting_worker":"0.1.0","job_format":2,"tasks":["mnist1d","clrs:articulation_points",…]}`.
  public var jsonLine: String {
    let fields: [String: Any] = [Self.marker: version, "job_format": jobFormat, "tasks": tasks]
    let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  /// The last identity line in `output` (a worker's or a job's log), if any.
  public static func parse(_ output: String) -> WorkerIdentity? {
    for line in output.split(whereSeparator: \.isNewline).reversed() {
      guard line.contains(marker), let start = line.firstIndex(of: "{"),
        let object = try? JSONSerialization.jsonObject(with: Data(line[start...].utf8)) as? [String: Any],
        let version = object[marker] as? String, let format = object["job_format"] as? Int
      else { continue }
      return WorkerIdentity(version: version, jobFormat: format, tasks: object["tasks"] as? [String] ?? [])
    }
    return nil
  }

  /// Why a worker with this identity cannot train `task` for a search run by `local`, or nil if it can.
  public func mismatch(with local: WorkerIdentity, task: String) -> String? {
    if version != local.version || jobFormat != local.jobFormat {
      return "it runs evoprompting \(version) (job format \(jobFormat)), this is \(local.version) "
        + "(job format \(local.jobFormat))"
    }
    if !tasks.contains(task) {
      return "its evoprompting cannot train the task '\(task)' (it knows: \(tasks.joined(separator: ", ")))"
    }
    return nil
  }
}
