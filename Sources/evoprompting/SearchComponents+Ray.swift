import ArgumentParser
import Evolution
import Foundation

extension SearchComponents {
  /// The executor `settings` name, for the session in `directory`. A Ray executor is checked before the search
  /// starts: the head must answer and a probe job must find this build's worker on the nodes.
  static func executor(
    for settings: SearchSettings, task: String, directory: URL, notes: (@Sendable (String) -> Void)?
  ) async throws -> any Executor {
    switch settings.executor {
    case .local:
      return LocalExecutor(executable: executablePath())
    case .ray:
      try checkRaySettings(settings)
      guard let address = settings.ray.address.flatMap(RaySettings.url) else {
        throw ValidationError("--executor ray needs --ray-address http://HEAD:8265 (the Ray head's dashboard)")
      }
      let client = RayJobsClient(address: address, token: try RayAuthToken.fromEnvironment())
      // Created before the activity reporter below, which reads the executor it reports on.
      let box = ExecutorBox()
      let executor = RayJobExecutor(
        client: client, sessionDirectory: directory, configuration: settings.ray.configuration,
        notify: { note in
          guard let notes else { return }
          let activity = box.executor?.activity() ?? ExecutorActivity()
          notes("\(note) [ray: \(activity.running) running, \(activity.queued) queued]")
        })
      box.executor = executor
      FileHandle.standardError.write(Data("ray: checking \(address.absoluteString) with a probe job …\n".utf8))
      let check: RayClusterCheck
      do { check = try await executor.check(task: task) } catch let error as RayExecutorError {
        throw CommandFailure("--executor ray: \(error)")
      }
      FileHandle.standardError.write(
        Data("ray: head runs Ray \(check.head.rayVersion); nodes run evoprompting \(check.worker.version)\n".utf8))
      return executor
    }
  }

  /// What the settings table cannot say alone: `--executor ray` needs an address.
  static func checkRaySettings(_ settings: SearchSettings) throws {
    if settings.executor == .ray && settings.ray.address == nil {
      throw ValidationError("--executor ray needs --ray-address http://HEAD:8265 (the Ray head's dashboard)")
    }
  }
}

/// Lets the executor's notes read its own activity.
private final class ExecutorBox: @unchecked Sendable {
  // Written once, before the executor can send a note.
  var executor: RayJobExecutor?
}
