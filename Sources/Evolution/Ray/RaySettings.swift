import Foundation

/// The settings of `--executor ray`: where the head is, how the nodes run the worker, and what each candidate job
/// reserves. Their rows are in `SearchSettings.settings` (flags `--ray-…`, TOML keys `ray_…`).
public struct RaySettings: Sendable, Equatable {
  /// The head's dashboard, whose Jobs REST API the executor talks to (`http://HEAD:8265`).
  public var address: String?
  /// The command that runs `evoprompting` on a node (`worker …` is appended).
  public var workerCommand = "evoprompting"
  /// CPUs each candidate job reserves (`entrypoint_num_cpus`).
  public var numCpus: Float = 1
  /// GPUs each candidate job reserves (`entrypoint_num_gpus`); 0 reserves none.
  public var numGpus: Float = 0

  public init() {}

  /// The executor's configuration for these settings.
  public var configuration: RayExecutorConfiguration {
    RayExecutorConfiguration(
      workerCommand: workerCommand, numCpus: Double(numCpus), numGpus: numGpus > 0 ? Double(numGpus) : nil)
  }

  /// The head's address as a URL, if it is one the executor can use: `RayJobsClient.parseAddress`'s forms, without
  /// a user or password (the session log records the address; Ray's token travels in `RAY_AUTH_TOKEN`).
  public static func url(_ text: String) -> URL? {
    guard let url = try? RayJobsClient.parseAddress(text), url.user == nil, url.password == nil else { return nil }
    return url
  }
}

extension SettingRule where Value == String {
  /// A Ray dashboard address (`RaySettings.url`).
  public static var rayAddress: SettingRule {
    SettingRule("the address of a Ray head's dashboard (Jobs API), e.g. http://127.0.0.1:8265, without credentials") {
      RaySettings.url($0) != nil
    }
  }

  /// A command line that is not blank.
  public static var command: SettingRule {
    SettingRule("a command, e.g. evoprompting or /shared/bin/evoprompting") {
      !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.contains("\n")
    }
  }
}
