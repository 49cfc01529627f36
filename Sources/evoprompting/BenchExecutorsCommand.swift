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
      probe job runs first and is not timed. Start a head with scripts/ray-test-env.sh start.
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
  @Option(help: "CPUs per Ray job.") var rayCpus: Double = 1
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
    var localRuns: [ExecutorRun] = []
    var rayRuns: [ExecutorRun] = []
    for _ in 0..<repeats {
      localRuns.append(await ExecutorRun.measure(local, batch, inFlight: jobs))
      rayRuns.append(await ExecutorRun.measure(ray(), batch, inFlight: rayJobs ?? candidates))
    }
    let report = BenchExecutorsReport(
      candidates: candidates, steps: steps, localJobs: jobs, rayJobs: rayJobs ?? candidates, rayCpus: rayCpus,
      rayVersion: check.head.rayVersion, local: localRuns, ray: rayRuns)
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

struct BenchExecutorsReport: Encodable {
  var candidates: Int
  var steps: Int
  var localJobs: Int
  var rayJobs: Int
  var rayCpus: Double
  var rayVersion: String
  var local: [ExecutorRun]
  var ray: [ExecutorRun]
  var localMedianSeconds: Double { Self.median(local.map(\.seconds)) }
  var rayMedianSeconds: Double { Self.median(ray.map(\.seconds)) }
  /// Ray's wall time over local's: 1.25 means Ray took 25% longer.
  var rayOverLocal: Double { rayMedianSeconds / localMedianSeconds }
  /// Whether every candidate got the same parameters and validation accuracy from both executors.
  var resultsAgree: Bool {
    let all = local + ray
    return all.allSatisfy { $0.failures.isEmpty && $0.results == all[0].results }
  }

  private enum CodingKeys: String, CodingKey {
    case candidates, steps, localJobs = "local_jobs", rayJobs = "ray_jobs", rayCpus = "ray_cpus"
    case rayVersion = "ray_version", local, ray, localMedianSeconds = "local_median_seconds"
    case rayMedianSeconds = "ray_median_seconds", rayOverLocal = "ray_over_local", resultsAgree = "results_agree"
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(candidates, forKey: .candidates)
    try container.encode(steps, forKey: .steps)
    try container.encode(localJobs, forKey: .localJobs)
    try container.encode(rayJobs, forKey: .rayJobs)
    try container.encode(rayCpus, forKey: .rayCpus)
    try container.encode(rayVersion, forKey: .rayVersion)
    try container.encode(local.map(\.seconds), forKey: .local)
    try container.encode(ray.map(\.seconds), forKey: .ray)
    try container.encode(localMedianSeconds, forKey: .localMedianSeconds)
    try container.encode(rayMedianSeconds, forKey: .rayMedianSeconds)
    try container.encode(rayOverLocal, forKey: .rayOverLocal)
    try container.encode(resultsAgree, forKey: .resultsAgree)
  }

  var table: String {
    let seconds = { (runs: [ExecutorRun]) in runs.map { String(format: "%.1f", $0.seconds) }.joined(separator: " ") }
    var lines = [
      "\(candidates) candidates x \(steps) steps",
      "local  \(localJobs) workers        runs \(seconds(local)) s   median \(String(format: "%.1f", localMedianSeconds)) s",
      "ray    \(rayJobs) in flight (Ray \(rayVersion), \(rayCpus) CPU/job)  runs \(seconds(ray)) s   median "
        + String(format: "%.1f", rayMedianSeconds) + " s",
      String(format: "ray / local = %.2f   results agree: %@", rayOverLocal, resultsAgree ? "yes" : "no"),
    ]
    lines += (local + ray).flatMap(\.failures).map { "failed: \($0)" }
    return lines.joined(separator: "\n")
  }

  private static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty
      ? 0
      : sorted.count % 2 == 1
        ? sorted[sorted.count / 2]
        : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
