import Foundation
import MemberwiseInit
import Sessions

/// What a study runs: arms x seeds of one task, all with the same settings but for what each arm changes.
@MemberwiseInit
public struct StudyPlan: Sendable {
  public var task: String
  public var arms: [StudyArm]
  public var seeds: [UInt64]
  /// The study's settings (preset, then flags); each arm x seed derives its own from them.
  public var settings: SearchSettings
  /// The study folder; each arm x seed is an ordinary session in `<arm>-<seed>/`.
  public var directory: URL

  /// Children every arm x seed may propose: the rounds x prompts x samples of the study's settings (the naive arm
  /// asks for all of them in one round). Results count the first this many replies of each session.
  public var budget: Int { settings.rounds * settings.promptsPerRound * settings.samplesPerPrompt }

  public func sessionDirectory(arm: StudyArm, seed: UInt64) -> URL {
    directory.appendingPathComponent("\(arm)-\(seed)")
  }

  /// Every arm x seed, arm by arm.
  public var runs: [(arm: StudyArm, seed: UInt64)] { arms.flatMap { arm in seeds.map { (arm, $0) } } }
}

/// Runs a study's sessions one after the other: a finished session is reused, an unfinished one is resumed, a
/// missing one is started. Running it again on the same folder therefore finishes what is unfinished.
public struct StudyRunner: Sendable {
  /// The search's parts for one session (`state` is the recorded state when it is resumed).
  public typealias MakeComponents = @Sendable (SearchSettings, URL, SessionState?) async throws -> SearchRun.Components
  /// Drives one session to its end (or a pause); the command line adds Ctrl-C handling here.
  public typealias Drive = @Sendable (SearchRun) async throws -> Void
  /// Called once per session before it runs: what happens to it (`started`, `resumed`, `reused`).
  public typealias Announce = @Sendable (StudyArm, UInt64, String) -> Void

  /// Settings that may differ between a session and the study that continues it: the machine's cores and the limits
  /// of one worker, which stop a child but do not change what the search asks for.
  static let machineSettings: Set<String> = ["jobs", "worker_memory_mb", "worker_timeout_s"]

  public var plan: StudyPlan
  public var makeComponents: MakeComponents
  public var observer: @Sendable (StudyArm, UInt64) -> SearchRun.Observer?

  public init(
    plan: StudyPlan, makeComponents: @escaping MakeComponents,
    observer: @escaping @Sendable (StudyArm, UInt64) -> SearchRun.Observer? = { _, _ in nil }
  ) {
    self.plan = plan
    self.makeComponents = makeComponents
    self.observer = observer
  }

  /// Runs every session that is not finished. Returns false when a session paused (the study stops there).
  public func run(drive: Drive, announce: Announce = { _, _, _ in }) async throws -> Bool {
    try FileManager.default.createDirectory(at: plan.directory, withIntermediateDirectories: true)
    for (arm, seed) in plan.runs {
      let directory = plan.sessionDirectory(arm: arm, seed: seed)
      let settings = arm.settings(from: plan.settings, seed: seed)
      let run: SearchRun
      if let state = try Self.recordedState(at: directory) {
        try Self.checkSettings(state: state, planned: settings, directory: directory)
        if state.finished {
          announce(arm, seed, "reused")
          continue
        }
        announce(arm, seed, "resumed")
        var components = try await makeComponents(settings, directory, state)
        components.recordedEvaluations = recordedEvaluations(seed: seed, besides: arm, announce: announce)
        run = try SearchRun.resume(directory: directory, components: components, observer: observer(arm, seed))
      } else {
        announce(arm, seed, "started")
        var components = try await makeComponents(settings, directory, nil)
        components.recordedEvaluations = recordedEvaluations(seed: seed, besides: arm, announce: announce)
        run = try SearchRun.start(
          directory: directory, settings: settings, components: components, observer: observer(arm, seed))
      }
      try await drive(run)
      if await !run.state.finished { return false }
    }
    return true
  }

  /// The trainings that the plan's other sessions of `seed` recorded, for the session of `arm` to reuse.
  func recordedEvaluations(seed: UInt64, besides arm: StudyArm, announce: Announce) -> RecordedEvaluations {
    var recorded = RecordedEvaluations()
    for other in plan.arms where other != arm {
      let directory = plan.sessionDirectory(arm: other, seed: seed)
      guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(EventLog.fileName).path),
        let contents = try? EventLog.read(at: directory)
      else { continue }
      recorded.add(events: contents.events, source: "\(other)-\(seed)")
    }
    if !recorded.isEmpty {
      announce(arm, seed, "reuses the trainings of \(recorded.sources.joined(separator: ", ")) for identical jobs")
    }
    return recorded
  }

  /// The comparison of every session of the plan that exists (unfinished ones included, marked so).
  public func report() throws -> StudyReport {
    var results: [StudySessionResult] = []
    for (arm, seed) in plan.runs {
      let directory = plan.sessionDirectory(arm: arm, seed: seed)
      guard let state = try Self.recordedState(at: directory) else { continue }
      results.append(
        StudySessionResult(
          arm: arm.description, seed: seed, session: directory.path, state: state, budget: plan.budget,
          alpha: plan.settings.alpha))
    }
    return StudyReport(
      task: plan.task, budget: plan.budget, alpha: plan.settings.alpha, sessions: results,
      armOrder: plan.arms.map(\.description))
  }

  /// The state of the session at `directory`, or nil when there is none yet.
  static func recordedState(at directory: URL) throws -> SessionState? {
    let log = directory.appendingPathComponent(EventLog.fileName)
    guard FileManager.default.fileExists(atPath: log.path) else { return nil }
    let contents: EventLog.Contents
    do { contents = try EventLog.read(at: directory) } catch {
      throw StudyError.notASession(directory: directory.path, detail: "\(error)")
    }
    let state = SessionState(events: contents.events)
    guard state.configuration != nil else {
      throw StudyError.notASession(
        directory: directory.path, detail: "its log has no run configuration (remove the folder to start it again)")
    }
    return state
  }

  /// A session continues only with the settings it started with (but for the machine's).
  static func checkSettings(state: SessionState, planned: SearchSettings, directory: URL) throws {
    let recorded = state.configuration?.settings ?? [:]
    for (key, value) in planned.recorded.sorted(by: { $0.key < $1.key }) where !machineSettings.contains(key) {
      if let old = recorded[key], old != value {
        throw StudyError.settingsDiffer(directory: directory.path, key: key, recorded: old, planned: value)
      }
    }
  }
}
