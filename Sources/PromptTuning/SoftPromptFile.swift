import Foundation
import LanguageModels

/// Reads and writes soft prompts in a small binary format.
///
/// Layout, all little-endian: the 4 bytes `EVSP`, `UInt32` version (1), `UInt32` width, `UInt32` length, then
/// `length × width` `Float32` values, row-major (virtual token 0 first).
public enum SoftPromptFile {
  /// The file's first four bytes.
  public static let magic: [UInt8] = Array("EVSP".utf8)
  /// The format version this code writes.
  public static let version: UInt32 = 1

  /// The bytes of `softPrompt` in this format.
  public static func encode(_ softPrompt: SoftPrompt) -> Data {
    var data = Data(magic)
    for field in [version, UInt32(softPrompt.width), UInt32(softPrompt.length)] {
      withUnsafeBytes(of: field.littleEndian) { data.append(contentsOf: $0) }
    }
    for value in softPrompt.vectors {
      withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
    return data
  }

  /// Parses bytes written by `encode`.
  public static func decode(_ data: Data) throws -> SoftPrompt {
    let bytes = [UInt8](data)
    guard bytes.count >= 16, Array(bytes[0..<4]) == magic else {
      throw PromptTuningError.badSoftPromptFile("missing the EVSP header")
    }
    func word(_ offset: Int) -> UInt32 {
      (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
    guard word(4) == version else { throw PromptTuningError.badSoftPromptFile("version \(word(4))") }
    let (width, length) = (Int(word(8)), Int(word(12)))
    guard width > 0, bytes.count == 16 + 4 * width * length else {
      throw PromptTuningError.badSoftPromptFile("\(bytes.count) bytes for width \(width) and length \(length)")
    }
    let vectors = (0..<(width * length)).map { Float(bitPattern: word(16 + 4 * $0)) }
    return SoftPrompt(vectors: vectors, width: width)
  }

  /// Writes `softPrompt` to `path`, creating parent folders.
  public static func write(_ softPrompt: SoftPrompt, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try encode(softPrompt).write(to: url, options: .atomic)
  }

  /// Reads the soft prompt at `path`.
  public static func read(from path: String) throws -> SoftPrompt {
    try decode(try Data(contentsOf: URL(fileURLWithPath: path)))
  }
}
