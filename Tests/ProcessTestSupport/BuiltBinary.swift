import Foundation

/// The `evoprompting` binary of the same build as the test bundle, for tests that run the real command line.
public enum BuiltBinary {
  /// Its path: next to the test bundle in the build folder.
  public static var path: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("evoprompting")
      .path
  }

  /// Runs it with `arguments` to its end and returns its exit status and its standard output and error together.
  public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
