import Foundation

/// Runs shell command lines to their end for tests, with posix_spawn and waitpid rather than `Process`.
///
/// `tmux new-session` daemonises a server that inherits its client's descriptors. Foundation's `Process` on Linux
/// learns of a child's exit when a socket it shares with the child closes, so a tmux server that keeps the socket
/// open makes `waitUntilExit()` wait forever once the client has exited. This runner waits on the shell's pid
/// itself and collects the output through a file, so a daemon that outlives the command cannot hold it up.
public enum ShellCommand {
  /// The exit status and the combined output of one command line.
  public struct Result: Sendable {
    /// The shell's exit status (128 + the signal's number when a signal ended it).
    public var status: Int32
    /// What the command wrote to standard output and standard error.
    public var output: String
  }

  /// Runs `command` under `/bin/sh -c`, with standard input from `/dev/null`, and returns its status and output.
  @discardableResult
  public static func run(_ command: String) -> Result {
    let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("evo-shell-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: outputFile) }
    let line = "{ \(command)\n} >'\(outputFile.path)' 2>&1 </dev/null"
    let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", line].map { (word: String) in strdup(word) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { (word: String) in strdup(word) } + [nil]
    defer { for pointer in envp { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, envp)
    guard spawned == 0 else {
      return Result(status: 127, output: "cannot spawn /bin/sh: \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(status: exitStatus, output: output)
  }

  /// Quotes `word` for a POSIX shell.
  public static func quote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
