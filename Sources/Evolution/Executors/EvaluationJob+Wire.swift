import Foundation

/// The job as every executor ships it and `evoprompting worker` reads it: JSON with snake_case keys.
extension EvaluationJob {
  /// The job as a worker reads it on its standard input.
  public func workerInput() throws -> Data {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = .sortedKeys
    return try encoder.encode(self)
  }

  /// The job a worker was given.
  public init(workerInput data: Data) throws {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    self = try decoder.decode(EvaluationJob.self, from: data)
  }
}
