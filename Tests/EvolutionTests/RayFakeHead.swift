import Evolution
import Foundation
import HTTPTestSupport

/// A Ray head's Jobs API played on loopback by a scripted server: each submitted job walks through the steps its
/// script gives it, one step per status read; `stop` ends it as Ray would. For the executor's logic without Ray.
final class RayFakeHead: @unchecked Sendable {
  /// One state of a job as the head reports it.
  struct Step {
    var status: RayJobStatus
    var logs: String = ""
    var errorType: String? = nil
    var exitCode: Int? = nil
    var message: String? = nil
  }

  /// A job the head knows: each status read reports the current step, then moves to the next (the last stays).
  struct Job {
    var body: [String: Any]
    var steps: [Step]
    var position = 0
    var stopped = false
    var current: Step { steps[min(position, steps.count - 1)] }
  }

  private let lock = NSLock()
  private var jobs: [String: Job] = [:]
  private var order: [String] = []
  private var submitted: [String] = []
  private var failuresLeft = 0
  private var log: [String] = []
  private let script: @Sendable (String, [String: Any]) -> [Step]
  private(set) var server: ScriptedHTTPServer!

  /// `script(submissionId, body)` gives the steps of each job submitted.
  init(lifetime: Double = 60, script: @escaping @Sendable (String, [String: Any]) -> [Step]) throws {
    self.script = script
    server = try ScriptedHTTPServer(lifetime: lifetime) { [unowned self] request, _ in self.answer(request) }
  }

  var address: URL { URL(string: server.url())! }

  /// Adds a job as if an earlier run had submitted it.
  func preload(_ id: String, steps: [Step], body: [String: Any] = [:]) {
    lock.withLock {
      jobs[id] = Job(body: body, steps: steps)
      order.append(id)
    }
  }

  /// The next `count` requests are answered 503, as by a head that is restarting.
  func failNext(_ count: Int) { lock.withLock { failuresLeft = count } }

  /// `METHOD path` of every request answered, in order.
  var requestLog: [String] { lock.withLock { log } }
  /// The submission ids of the jobs submitted through the API, in order.
  var submittedIds: [String] { lock.withLock { submitted } }
  func body(of id: String) -> [String: Any]? { lock.withLock { jobs[id]?.body } }
  func status(of id: String) -> RayJobStatus? {
    lock.withLock { jobs[id].map { $0.stopped ? .stopped : $0.current.status } }
  }

  /// Stops a job as `ray job stop` would (from outside the executor).
  func stopFromOutside(_ id: String) { lock.withLock { jobs[id]?.stopped = true } }

  private func answer(_ request: ScriptedHTTPServer.ReceivedRequest) -> ScriptedHTTPServer.Reply {
    lock.lock()
    defer { lock.unlock() }
    log.append("\(request.method) \(request.path)")
    if failuresLeft > 0 {
      failuresLeft -= 1
      return .respond(status: 503, body: "restarting")
    }
    let parts = request.path.split(separator: "/").map(String.init)  // ["api", "jobs", id, "logs"]
    switch (request.method, parts.count) {
    case ("GET", 2) where parts == ["api", "version"]:
      return json(["version": "4", "ray_version": "2.60.0", "ray_commit": "x", "session_name": "fake"])
    case ("POST", 2) where parts == ["api", "jobs"]:
      return submit(request.body)
    case ("GET", 2) where parts == ["api", "jobs"]:
      return json(order.compactMap { id in jobs[id].map { details(id, $0) } })
    case ("GET", 3):
      guard var job = jobs[parts[2]] else { return .respond(status: 404, body: "Job \(parts[2]) does not exist") }
      let reply = json(details(parts[2], job))
      if !job.stopped { job.position += 1 }
      jobs[parts[2]] = job
      return reply
    case ("GET", 4) where parts[3] == "logs":
      guard let job = jobs[parts[2]] else { return .respond(status: 404, body: "Job \(parts[2]) does not exist") }
      return json(["logs": job.current.logs])
    case ("POST", 4) where parts[3] == "stop":
      guard var job = jobs[parts[2]] else { return .respond(status: 404, body: "Job \(parts[2]) does not exist") }
      let wasRunning = !job.stopped && !job.current.status.isTerminal
      job.stopped = job.stopped || wasRunning
      jobs[parts[2]] = job
      return json(["stopped": wasRunning])
    default:
      return .respond(status: 404, body: "no route \(request.method) \(request.path)")
    }
  }

  private func submit(_ data: Data) -> ScriptedHTTPServer.Reply {
    guard let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      let id = body["submission_id"] as? String
    else { return .respond(status: 400, body: "bad request") }
    if jobs[id] != nil {
      return .respond(
        status: 500,
        body: "Traceback (most recent call last):\n  File \"job_manager.py\"\nValueError: Job with submission_id \(id) "
          + "already exists. Please use a different submission_id.\n.")
    }
    jobs[id] = Job(body: body, steps: script(id, body))
    order.append(id)
    submitted.append(id)
    return json(["job_id": NSNull(), "submission_id": id])
  }

  private func details(_ id: String, _ job: Job) -> [String: Any] {
    let step = job.current
    var fields: [String: Any] = [
      "type": "SUBMISSION", "submission_id": id, "status": job.stopped ? "STOPPED" : step.status.rawValue,
      "entrypoint": job.body["entrypoint"] ?? "", "message": step.message ?? NSNull(),
      "error_type": step.errorType ?? NSNull(), "driver_exit_code": step.exitCode ?? NSNull(),
      "start_time": 1_796_527_193_700,
    ]
    if job.stopped { fields["message"] = "Job was intentionally stopped." }
    return fields
  }

  private func json(_ object: Any) -> ScriptedHTTPServer.Reply {
    let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    return .respond(
      status: 200, headers: ["Content-Type": "application/json"], body: String(decoding: data, as: UTF8.self))
  }
}
