import Foundation

extension LMCommand {
  /// Encodes command reports as one compact JSON line with sorted keys.
  enum JSONLine {
    static func encode<T: Encodable>(_ value: T) throws -> String {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
  }
}
