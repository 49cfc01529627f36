import Foundation
import MemberwiseInit

/// The body of `POST /api/jobs/` (Ray's `JobSubmitRequest`).
@MemberwiseInit
public struct RayJobSubmission: Sendable, Equatable, Encodable {
  /// A shell command line, run by the job's supervisor on the node Ray places it on.
  public var entrypoint: String
  public var submissionId: String
  /// CPUs and GPUs reserved for the entrypoint: Ray queues the job until a node has them free.
  public var entrypointNumCpus: Double?
  public var entrypointNumGpus: Double?
  /// Memory reserved for the entrypoint, in bytes (Ray's scheduling resource, not a limit).
  public var entrypointMemory: Int?
  /// Environment variables set for the entrypoint (`runtime_env.env_vars`).
  public var environment: [String: String] = [:]
  /// Labels shown by `ray job list` and the dashboard.
  public var metadata: [String: String] = [:]

  private enum CodingKeys: String, CodingKey {
    case entrypoint, submissionId, entrypointNumCpus, entrypointNumGpus, entrypointMemory, runtimeEnv, metadata
  }

  private struct RuntimeEnvironment: Encodable {
    var envVars: [String: String]
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(entrypoint, forKey: .entrypoint)
    try container.encode(submissionId, forKey: .submissionId)
    try container.encodeIfPresent(entrypointNumCpus, forKey: .entrypointNumCpus)
    try container.encodeIfPresent(entrypointNumGpus, forKey: .entrypointNumGpus)
    try container.encodeIfPresent(entrypointMemory, forKey: .entrypointMemory)
    if !environment.isEmpty { try container.encode(RuntimeEnvironment(envVars: environment), forKey: .runtimeEnv) }
    if !metadata.isEmpty { try container.encode(metadata, forKey: .metadata) }
  }
}

/// A job's state as Ray reports it.
public enum RayJobStatus: String, Sendable, Equatable, Codable {
  case pending = "PENDING"
  case running = "RUNNING"
  case stopped = "STOPPED"
  case succeeded = "SUCCEEDED"
  case failed = "FAILED"

  /// Whether the job can no longer change.
  public var isTerminal: Bool { self == .stopped || self == .succeeded || self == .failed }
}

/// A job as `GET /api/jobs/{id}` and `GET /api/jobs/` describe it (Ray's `JobDetails`; the fields used here).
@MemberwiseInit
public struct RayJobDetails: Sendable, Equatable, Decodable {
  public var submissionId: String?
  public var status: RayJobStatus
  public var entrypoint: String?
  /// Ray's words on the status, e.g. `Job entrypoint command failed with exit code 1, …`.
  public var message: String?
  /// Why a job failed, in Ray's terms (`JOB_ENTRYPOINT_COMMAND_ERROR`, `JOB_SUPERVISOR_ACTOR_DIED`, …); Ray 2.9+.
  public var errorType: String?
  /// The entrypoint's exit status once it has ended (negative for a signal); Ray 2.42+.
  public var driverExitCode: Int?
  /// Milliseconds since 1970.
  public var startTime: Double?
  public var endTime: Double?
  public var metadata: [String: String]?
}

/// What `GET /api/version` returns.
public struct RayVersionInfo: Sendable, Equatable, Decodable {
  /// The Jobs API's own version ("4" in Ray 2.60).
  public var version: String
  public var rayVersion: String
  public var sessionName: String?
}

/// The reply to `POST /api/jobs/`.
struct RaySubmitReply: Decodable {
  var submissionId: String
}

/// The reply to `POST /api/jobs/{id}/stop`.
struct RayStopReply: Decodable {
  var stopped: Bool
}

/// The reply to `GET /api/jobs/{id}/logs`.
struct RayLogsReply: Decodable {
  var logs: String
}
