import Foundation

/// Runs helper programs (pip, Python's zipfile) for the model store: output captured for error messages, a
/// callback while the program runs, and stdout streamed in chunks where the bytes themselves are wanted.
enum Subprocess {
  /// Runs `arguments` (the first is looked up on `PATH`) with `environment` added, calling `tick` every 0.2 s
  /// until it exits; throws `commandFailed` with the end of its output on a non-zero exit.
  static func run(_ arguments: [String], environment: [String: String] = [:], tick: () -> Void = {}) throws {
    let (process, outputFile) = try start(arguments, environment: environment, standardOutput: nil)
    defer { try? FileManager.default.removeItem(at: outputFile) }
    while process.isRunning {
      tick()
      Thread.sleep(forTimeInterval: 0.2)
    }
    process.waitUntilExit()
    try check(process, arguments: arguments, outputFile: outputFile)
  }

  /// Runs `arguments` and hands its standard output to `consume` in chunks as they arrive.
  static func stream(_ arguments: [String], consume: (Data) throws -> Void) throws {
    let pipe = Pipe()
    let (process, outputFile) = try start(arguments, environment: [:], standardOutput: pipe)
    defer { try? FileManager.default.removeItem(at: outputFile) }
    do {
      while let chunk = try pipe.fileHandleForReading.read(upToCount: 1 << 20), !chunk.isEmpty {
        try consume(chunk)
      }
    } catch {
      process.terminate()
      process.waitUntilExit()
      throw error
    }
    process.waitUntilExit()
    try check(process, arguments: arguments, outputFile: outputFile)
  }

  /// Starts the process with stderr (and stdout unless piped) going to a temporary file.
  private static func start(
    _ arguments: [String], environment: [String: String], standardOutput: Pipe?
  ) throws -> (Process, URL) {
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "evoprompting-subprocess-\(UUID().uuidString).log")
    guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
      throw ModelStoreError.cannotWrite(outputFile.path)
    }
    let output = try FileHandle(forWritingTo: outputFile)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = standardOutput ?? output
    process.standardError = output
    try process.run()
    try? output.close()
    return (process, outputFile)
  }

  private static func check(_ process: Process, arguments: [String], outputFile: URL) throws {
    guard process.terminationStatus != 0 else { return }
    let output = (try? Data(contentsOf: outputFile)) ?? Data()
    throw ModelStoreError.commandFailed(
      command: arguments.joined(separator: " "), status: process.terminationStatus,
      output: String(decoding: output.suffix(2000), as: UTF8.self))
  }
}
