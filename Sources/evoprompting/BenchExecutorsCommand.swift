import ArchLang
import ArgumentParser
import Evolution
import Foundation
import Sessions
import Tasks

/// `evoprompting bench executors`: the same candidates trained by local worker processes and by Ray jobs, side by
/// side, with the wall time of each and whether their results agree.
struct BenchExecutorsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "executors",
    abstract: "Train the same candidates with local workers and as Ray jobs; compare wall time and results.",
    discussion: """
      The candidates are the four MNIST-1D seeds, cycled, each with its own training seed. Runs alternate \
      (local, Ray, local, Ray, …) so that both see the same machine; the median of each is compared. The Ray \
      probe job runs first and is not timed. Start a head with scripts/ray-test-env.sh start. \
      On a shared machine Linux's autogroup scheduler gives each session an equal share of the CPUs, and Ray \
      starts every job's entrypoint in a session of its own: the "local, own sessions" arm starts each local \
      worker under `setsid --wait` too, which is the fair comparison there (on an idle machine all agree).
      """
  )

  @Option(help: "Candidates per run.") var candidates = 8
  @Option(help: "Training steps per candidate.") var steps = 300
  @Option(help: "Local worker processes at a time.") var jobs = 2
  @Option(help: "The Ray head's dashboard address.") var rayAddress = "http://127.0.0.1:8265"
  @Option(help: "The command that runs evoprompting on the Ray nodes (default: this executable's path).")
  var rayWorkerCommand: String?
  @Option(help: "Ray jobs in flight (default: all candidates; Ray queues what its CPUs cannot run yet).")
  var rayJobs: Int?
  @Option(name: .customLong("ray-num-cpus"), help: "CPUs per Ray job.") var rayCpus: Double = 1
  @Option(help: "Runs of each executor.") var repeats = 1
  @Flag(help: "Print one JSON line instead of a table.") var json = false

  func validate() throws {
    guard candidates > 0, steps > 0, jobs > 0, repeats > 0, rayJobs.map({ $0 > 0 }) ?? true, rayCpus >= 0 else {
      throw ValidationError("--candidates, --steps, --jobs, --repeats and --ray-jobs must be positive")
    }
  }

  func run() async throws {
    let executable = SearchComponents.executablePath()
    let client = RayJobsClient(
      address: try RayJobsClient.parseAddress(rayAddress), token: try RayAuthToken.fromEnvironment())
    // Each Ray run is a session of its own: the jobs of an earlier run are finished and would be re-attached.
    let ray = {
      RayJobExecutor(
        client: client, session: RaySessionKey(name: "bench", identity: UUID().uuidString),
        configuration: RayExecutorConfiguration(workerCommand: rayWorkerCommand ?? executable, numCpus: rayCpus))
    }
    let check = try await ray().check(task: "mnist1d")
    let local = LocalExecutor(executable: executable)
    let batch = (0..<candidates).map { index in
      let seed = SeedProgram.all[index % SeedProgram.all.count]
      return EvaluationJob(
        id: "b\(index)-\(seed.name)", code: seed.source, task: "mnist1d",
        training: TrainingConfiguration(steps: steps, seed: UInt64(index), evaluationInterval: max(steps / 4, 1)),
        memoryMegabytes: 4096, timeoutSeconds: 3600)
    }
    // The same workers, each in a session of its own, as Ray starts its entrypoints.
    let localSessions = LocalExecutor(executable: "/usr/bin/setsid", arguments: ["--wait", executable, "worker"])
    let rayInFlight = rayJobs ?? candidates
    // The arms take turns, so that a slow spell of the machine falls on all of them.
    var runs: [[ExecutorRun]] = [[], [], []]
    for _ in 0..<repeats {
      runs[0].append(await ExecutorRun.measure(local, batch, inFlight: jobs))
      runs[1].append(await ExecutorRun.measure(localSessions, batch, inFlight: jobs))
      runs[2].append(await ExecutorRun.measure(ray(), batch, inFlight: rayInFlight))
    }
    let arms = [
      BenchArm(name: "local", inFlight: jobs, runs: runs[0]),
      BenchArm(name: "local, own sessions", inFlight: jobs, runs: runs[1]),
      BenchArm(name: "ray", inFlight: rayInFlight, runs: runs[2]),
    ]
    let report = BenchExecutorsReport(
      candidates: candidates, steps: steps, rayCpus: rayCpus, rayVersion: check.head.rayVersion, arms: arms)
    if json {
      print(try LMCommand.JSONLine.encode(report))
    } else {
      print(report.table)
    }
  }
}

/// One executor training one batch: wall time and outcomes.
struct ExecutorRun: Encodable {
  var seconds: Double
  var failures: [String]
  /// Candidate id → parameters and validation accuracy, to compare executors.
  var results: [String: [Double]]

  static func measure(_ executor: any Executor, _ batch: [EvaluationJob], inFlight: Int) async -> ExecutorRun {
    let started = Date()
    let outcomes = await withTaskGroup(of: (String, EvaluationOutcome).self) { group in
      var pending = batch[...]
      var collected: [(String, EvaluationOutcome)] = []
      func launch() {
        guard let job = pending.popFirst() else { return }
        group.addTask { (job.id, await executor.evaluate(job) { _ in }) }
      }
      for _ in 0..<min(inFlight, batch.count) { launch() }
      for await outcome in group {
        collected.append(outcome)
        launch()
      }
      return collected
    }
    var run = ExecutorRun(seconds: Date().timeIntervalSince(started), failures: [], results: [:])
    for (id, outcome) in outcomes {
      switch outcome {
      case .finished(let result): run.results[id] = [Double(result.params), Double(result.validationAccuracy)]
      case .failed(let reason): run.failures.append("\(id): \(reason)")
      }
    }
    return run
  }
}

/// One executor's runs.
struct BenchArm: Encodable {
  let name: String
  let inFlight: Int
  /// Each run's wall time, and their median: derived from `runs`, so fixed with them.
  let seconds: [Double]
  let medianSeconds: Double
  let failures: [String]
  /// The runs themselves, whose results the report compares (not in the JSON).
  let runs: [ExecutorRun]

  init(name: String, inFlight: Int, runs: [ExecutorRun]) {
    self.name = name
    self.inFlight = inFlight
    self.runs = runs
    seconds = runs.map(\.seconds)
    failures = runs.flatMap(\.failures)
    let sorted = seconds.sorted()
    let middle = sorted.count / 2
    medianSeconds =
      sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  private enum CodingKeys: String, CodingKey {
    case name, inFlight = "in_flight", seconds, medianSeconds = "median_seconds", failures
  }
}

struct BenchExecutorsReport: Encodable {
  let candidates: Int
  let steps: Int
  let rayCpus: Double
  let rayVersion: String
  /// local, local in own sessions, ray.
  let arms: [BenchArm]
  /// Ray's median wall time over each local arm's: 1.25 means Ray took 25% longer (derived from `arms`).
  let rayOverLocal: [String: Double]
  /// Whether every candidate got the same parameters and validation accuracy from every run of every arm.
  let resultsAgree: Bool

  init(candidates: Int, steps: Int, rayCpus: Double, rayVersion: String, arms: [BenchArm]) {
    self.candidates = candidates
    self.steps = steps
    self.rayCpus = rayCpus
    self.rayVersion = rayVersion
    self.arms = arms
    rayOverLocal =
      arms.last.map { ray in
        Dictionary(uniqueKeysWithValues: arms.dropLast().map { ($0.name, ray.medianSeconds / $0.medianSeconds) })
      } ?? [:]
    let allRuns = arms.flatMap(\.runs)
    resultsAgree = allRuns.allSatisfy { $0.failures.isEmpty && $0.results == allRuns.first?.results }
  }

  private enum CodingKeys: String, CodingKey {
    case candidates, steps, rayCpus = "ray_cpus", rayVersion = "ray_version", arms
    case rayOverLocal = "ray_over_local", resultsAgree = "results_agree"
  }

  var table: String {
    var lines = ["\(candidates) candidates x \(steps) steps (Ray \(rayVersion), \(rayCpus) CPU per job)"]
    for arm in arms {
      let runs = arm.seconds.map { String(format: "%.1f", $0) }.joined(separator: " ")
      lines.append(
        arm.name.padding(toLength: 20, withPad: " ", startingAt: 0) + " \(arm.inFlight) in flight   runs \(runs) s   "
          + String(format: "median %.1f s", arm.medianSeconds))
    }
    for (name, ratio) in rayOverLocal.sorted(by: { $0.key < $1.key }) {
      lines.append(String(format: "ray / %@ = %.2f", name, ratio))
    }
    lines.append("results agree: \(resultsAgree ? "yes" : "no")")
    lines += arms.flatMap(\.failures).map { "failed: \($0)" }
    return lines.joined(separator: "\n")
  }
}
