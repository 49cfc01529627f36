import ArchLang
import ArgumentParser
import Foundation

extension ProgramText {
  /// The program at `path` for a command that checks or trains it; an unreadable file is a usage error (exit 2)
  /// that names the file and why.
  static func readForCommand(path: String) throws -> String {
    do {
      return try ProgramText.read(path: path)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(2)
    }
  }
}
