import Foundation

/// The job as a worker reads it, whichever way it travels: JSON with snake_case keys on a local worker's standard
/// input, the same JSON in base64 inside a Ray job's environment (no shared filesystem needed).
extension EvaluationJob {
  /// The environment variable that carries the job into a Ray job's entrypoint.
  public static let environmentVariable = "EVOPROMPTING_JOB"

  /// The job as JSON (snake_case keys, sorted, so that the same job always gives the same bytes).
  public func workerJSON() throws -> Data {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = .sortedKeys
    return try encoder.encode(self)
  }

  /// Reads a job written by `workerJSON()`.
  public static func fromWorkerJSON(_ data: Data) throws -> EvaluationJob {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(EvaluationJob.self, from: data)
  }

  /// The job's JSON in base64, for an environment variable.
  public func workerBase64() throws -> String { try workerJSON().base64EncodedString() }

  /// Reads a job from `workerBase64()`'s text.
  public static func fromWorkerBase64(_ text: String) throws -> EvaluationJob {
    guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the job is not valid base64"))
    }
    return try fromWorkerJSON(data)
  }
}
