import Foundation

/// Edits text in the researcher's editor (`$VISUAL` or `$EDITOR`) through a temporary file.
public enum ExternalEditor {
  public enum Failure: Error, CustomStringConvertible {
    case editorFailed(command: String, status: Int32)

    public var description: String {
      switch self {
      case .editorFailed(let command, let status): "editor '\(command)' exited with status \(status)"
      }
    }
  }

  /// The editor command line from `$VISUAL` or `$EDITOR` (words split on spaces, e.g. `code -w`); nil when
  /// neither is set, and the UI's built-in editor is used.
  public static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String]? {
    for key in ["VISUAL", "EDITOR"] {
      if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
        return value.split(separator: " ").map(String.init)
      }
    }
    return nil
  }

  /// Opens `text` in the editor as `name` (e.g. `c17.py`) and returns the saved text; blocks until it exits.
  public static func edit(_ text: String, name: String, command: [String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evoprompting-edit-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent(name)
    defer { try? FileManager.default.removeItem(at: file) }
    try text.write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command + [file.path]
    // A semaphore, not `waitUntilExit`: that spins the run loop, a core busy for as long as the user edits.
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    exited.wait()
    guard process.terminationStatus == 0 else {
      throw Failure.editorFailed(command: command.joined(separator: " "), status: process.terminationStatus)
    }
    return try String(contentsOf: file, encoding: .utf8)
  }
}
