import Foundation

/// Why the Ray executor cannot start: the head does not answer, or its nodes cannot run this build's worker.
public struct RayExecutorError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// What `prepare` found: the head's Ray and the nodes' worker.
public struct RayClusterCheck: Sendable, Equatable {
  public var head: RayVersionInfo
  public var worker: WorkerIdentity
}

extension RayJobExecutor {
  public func prepare(task: String) async throws { _ = try await check(task: task) }

  /// Asks the head for its version, then runs a probe job (`<worker command> worker --version`, with the
  /// resources of a candidate job so that it lands where candidates will) and compares the worker it finds with
  /// this build. Throws a `RayExecutorError` that says what to fix.
  public func check(task: String) async throws -> RayClusterCheck {
    let head: RayVersionInfo
    do {
      head = try await client.version()
    } catch let error as RayJobsError {
      throw RayExecutorError(
        "\(error)" + (error.isAuthentication ? "" : "; is a Ray head running there, and is this its dashboard port?"))
    }
    let id = "\(probePrefix)-probe-\(Int(Date().timeIntervalSince1970 * 1000))"
    let submission = configuration.submission(
      id, entrypoint: configuration.probeEntrypoint, metadata: ["evoprompting_session": probePrefix])
    do {
      try await client.submit(submission)
    } catch {
      throw RayExecutorError("the probe job could not be submitted: \(error)")
    }
    let (details, logs) = try await waitForProbe(id)
    guard let identity = WorkerIdentity.parse(logs) else {
      let command = configuration.workerCommand
      let tail = RayJobLog(logs).transcript.unparsedLines.suffix(3).joined(separator: " | ")
      let output = tail.isEmpty ? details.message ?? "no output" : tail
      if details.driverExitCode == 127 || output.contains("not found") || output.contains("No such file") {
        throw RayExecutorError(
          "the Ray nodes cannot run `\(command)` (\(output)): install evoprompting \(WorkerIdentity.current.version) "
            + "on every node's PATH, or name a path they all reach with --ray-worker-command")
      }
      throw RayExecutorError(
        "`\(command) worker --version` on a Ray node did not answer as an evoprompting worker "
          + "(status \(details.status.rawValue), output: \(output)): --ray-worker-command must run evoprompting")
    }
    if let mismatch = identity.mismatch(with: .current, task: task) {
      throw RayExecutorError(
        "the Ray nodes cannot train this search's candidates: \(mismatch); install this build on the nodes "
          + "(or point --ray-worker-command at it)")
    }
    return RayClusterCheck(head: head, worker: identity)
  }

  /// Polls the probe job until it ends (stopping it past `probeTimeoutSeconds`); returns its details and logs.
  private func waitForProbe(_ id: String) async throws -> (RayJobDetails, String) {
    let deadline = Date().addingTimeInterval(configuration.probeTimeoutSeconds)
    var polls = 0
    while true {
      let details: RayJobDetails
      do {
        guard let found = try await client.job(id) else {
          throw RayExecutorError("the head does not know the probe job \(id) it accepted")
        }
        details = found
      } catch let error as RayJobsError {
        throw RayExecutorError("the probe job could not be followed: \(error)")
      }
      if details.status.isTerminal {
        let logs = (try? await client.logs(id)) ?? ""
        return (details, logs)
      }
      if Date() > deadline {
        _ = try? await client.stop(id)
        let hint =
          details.status == .pending
          ? ": no node had \(resourceWords) free, or the nodes cannot start jobs" : " (it is still running)"
        throw RayExecutorError(
          "the probe job \(id) did not finish within \(Int(configuration.probeTimeoutSeconds)) s\(hint)")
      }
      polls += 1
      try await Task.sleep(nanoseconds: UInt64(configuration.pollDelay(after: polls) * 1e9))
    }
  }

  /// `num_cpus=1` or `num_cpus=1, num_gpus=1`, as a job asks for them.
  private var resourceWords: String {
    var words = ["num_cpus=\(configuration.numCpus.formatted())"]
    if let gpus = configuration.numGpus { words.append("num_gpus=\(gpus.formatted())") }
    if let memory = configuration.memoryBytes { words.append("memory=\(memory / (1 << 20)) MiB") }
    return words.joined(separator: ", ")
  }
}

extension Double {
  /// `1` for whole numbers, `0.5` otherwise.
  fileprivate func formatted() -> String {
    self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
  }
}
