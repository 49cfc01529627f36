import ArgumentParser
import EvoTensor
import Evolution
import Foundation

/// `evoprompting worker`: trains one candidate for a search (a job on stdin, JSON lines on stdout).
struct WorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "worker",
    abstract: "Train one candidate for a running search (internal: a job on stdin, JSON lines on stdout).",
    discussion: """
      The search starts one worker per candidate so that a program that crashes, exhausts memory or hangs \
      costs only its own process. The job is an EvaluationJob as JSON, on standard input or (for a Ray job, \
      which carries it in its submission) in base64 in the variable named by --job-env; the worker prints \
      {"type": "progress", …} lines, then one {"type": "result", …} or {"type": "error", …} line. --version \
      prints the worker's release, job format and tasks as one JSON line (the Ray executor's probe reads it).
      """,
    // What `worker --version` prints: other machines' workers are compared with this build by it.
    version: WorkerIdentity.current.jsonLine,
    shouldDisplay: false
  )

  @Option(help: "Read MNIST-1D from raw arrays in this folder instead of generating it.") var data: String?

  @Option(
    name: .customLong("job-env"),
    help: ArgumentHelp(
      "Read the job from this environment variable (base64 of the JSON) instead of standard input.",
      discussion: "How a Ray job carries its candidate: the job travels inside the submission.",
      valueName: "name"))
  var jobEnvironmentVariable: String?

  @Flag(help: "Stop with an error at the job's time limit (for executors that cannot kill the worker, e.g. Ray).")
  var enforceTimeout = false

  func run() throws {
    let job: EvaluationJob
    do {
      job = try readJob()
    } catch {
      emit(.error("the job \(jobSource) is not valid: \(Self.describe(error))"))
      throw ExitCode(2)
    }
    limitAddressSpace(megabytes: job.memoryMegabytes)
    if enforceTimeout { stopAtTimeLimit(seconds: job.timeoutSeconds) }
    stopWhenOrphaned()
    // Several workers train side by side, one per core.
    BLAS.setThreadCount(1)
    switch ProgramTraining.evaluate(job, dataDirectory: data, progress: { emit(.progress($0)) }) {
    case .success(let finished): emit(.result(finished))
    case .failure(let failure):
      emit(.error(failure.description))
      throw ExitCode(1)
    }
  }

  private var jobSource: String {
    jobEnvironmentVariable.map { "in $\($0)" } ?? "on standard input"
  }

  private func readJob() throws -> EvaluationJob {
    guard let name = jobEnvironmentVariable else {
      return try EvaluationJob(workerInput: FileHandle.standardInput.readDataToEndOfFile())
    }
    guard let text = ProcessInfo.processInfo.environment[name], !text.isEmpty else {
      throw ValidationError("the variable is not set")
    }
    return try EvaluationJob(workerInputBase64: text)
  }

  /// A decoding error in a sentence (its debug description without Foundation's wrapping).
  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context): return context.debugDescription
    case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)' field"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "unexpected value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    default: return "\(error)"
    }
  }

  /// Ends the process with a `timed out` error line once the job's time limit has passed.
  private func stopAtTimeLimit(seconds: Int) {
    Thread.detachNewThread {
      Thread.sleep(forTimeInterval: Double(seconds))
      emit(.error("timed out after \(seconds) s"))
      // _exit, not exit: exit runs the process's teardown (OpenBLAS's threads, static destructors) while the main
      // thread is still training, and that race crashed the worker with SIGSEGV about every other time. The
      // message above is already written (FileHandle writes are unbuffered).
      _exit(1)
    }
  }

  /// Ends the process once the one that started it is gone (a search killed or crashed): nobody would read the
  /// result, and the worker would hold a core until its time limit.
  private func stopWhenOrphaned() {
    let parent = getppid()
    Thread.detachNewThread {
      while getppid() == parent { Thread.sleep(forTimeInterval: 1) }
      _exit(1)
    }
  }

  /// Caps the address space, so a runaway candidate fails its own allocation instead of exhausting the machine.
  private func limitAddressSpace(megabytes: Int) {
    var limit = rlimit()
    let bytes = rlim_t(megabytes) * 1024 * 1024
    limit.rlim_cur = bytes
    limit.rlim_max = bytes
    _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
  }
}

/// Writes one worker message line and flushes it, so the search sees progress as it happens.
private func emit(_ message: WorkerMessage) {
  FileHandle.standardOutput.write(Data((message.jsonLine + "\n").utf8))
}
