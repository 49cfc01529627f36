import Foundation
import Sessions

/// One JSON line a worker process writes on its standard output.
public enum WorkerMessage: Sendable, Equatable {
  case progress(TrainingProgress)
  case result(TrainingFinished)
  case error(String)
}

extension WorkerMessage: Codable {
  private enum Keys: String, CodingKey { case type, message }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    switch self {
    case .progress(let progress):
      try container.encode("progress", forKey: .type)
      try progress.encode(to: encoder)
    case .result(let result):
      try container.encode("result", forKey: .type)
      try result.encode(to: encoder)
    case .error(let message):
      try container.encode("error", forKey: .type)
      try container.encode(message, forKey: .message)
    }
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    switch try container.decode(String.self, forKey: .type) {
    case "progress": self = .progress(try TrainingProgress(from: decoder))
    case "result": self = .result(try TrainingFinished(from: decoder))
    case "error": self = .error(try container.decode(String.self, forKey: .message))
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: container, debugDescription: "unknown worker message '\(other)'")
    }
  }

  /// The message as one line of JSON (snake_case keys), without the newline.
  public var jsonLine: String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = .sortedKeys
    return String(
      decoding: (try? encoder.encode(self)) ?? Data("{\"type\":\"error\",\"message\":\"unencodable\"}".utf8),
      as: UTF8.self)
  }

  /// Parses one line a worker wrote.
  public static func parse(_ line: String) -> WorkerMessage? {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try? decoder.decode(WorkerMessage.self, from: Data(line.utf8))
  }
}
