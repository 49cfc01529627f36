import Foundation

/// A job inside a Ray submission: the worker's JSON input (`workerInput()`) in base64, in the environment variable
/// `EVOPROMPTING_JOB`, which `evoprompting worker --job-env EVOPROMPTING_JOB` reads. The job travels inside the
/// request, so the nodes need no shared filesystem.
extension EvaluationJob {
  /// The environment variable that carries the job into a Ray job's entrypoint.
  public static let environmentVariable = "EVOPROMPTING_JOB"

  /// The job's worker input in base64.
  public func workerInputBase64() throws -> String { try workerInput().base64EncodedString() }

  /// The job from `workerInputBase64()`'s text.
  public init(workerInputBase64 text: String) throws {
    guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the job is not valid base64"))
    }
    try self.init(workerInput: data)
  }
}
