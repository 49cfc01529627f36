import Foundation

/// Reads program files: the one reader behind `check`, `train` and anything else that takes a `.py` file, so
/// they accept and refuse the same files.
///
/// A UTF-8 byte-order mark is dropped (editors on Windows write one; Python accepts it). Text that is not UTF-8
/// is refused with the offset of the first bad byte, never decoded with replacement characters.
public enum ProgramText {
  /// Why a program file could not be read.
  public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// The UTF-8 byte-order mark.
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// The text of the file at `path` (`-` reads standard input).
  public static func read(path: String) throws(ReadError) -> String {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ReadError(description: "\(path): no such file")
      }
      guard !isDirectory.boolValue, let contents = FileManager.default.contents(atPath: path) else {
        throw ReadError(description: "\(path): cannot read the file\(isDirectory.boolValue ? " (it is a folder)" : "")")
      }
      data = contents
    }
    return try decode(data, name: path == "-" ? "standard input" : path)
  }

  /// `data` as text: without a leading byte-order mark, and only if it is valid UTF-8.
  public static func decode(_ data: Data, name: String) throws(ReadError) -> String {
    let bytes = data.starts(with: byteOrderMark) ? data.dropFirst(byteOrderMark.count) : data[...]
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = data.count - bytes.count
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput: return String(decoding: bytes, as: UTF8.self)
      case .error:
        let byte = data[data.startIndex + offset]
        throw ReadError(
          description:
            "\(name): not UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset) "
            + "(save the file as UTF-8)")
      }
    }
  }
}
