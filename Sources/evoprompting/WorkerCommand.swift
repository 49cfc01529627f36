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
      costs only its own process. The job is an EvaluationJob as JSON; the worker prints {"type": "progress", …} \
      lines, then one {"type": "result", …} or {"type": "error", …} line.
      """,
    shouldDisplay: false
  )

  @Option(help: "Read MNIST-1D from raw arrays in this folder instead of generating it.") var data: String?

  func run() throws {
    let input = FileHandle.standardInput.readDataToEndOfFile()
    let job: EvaluationJob
    do {
      job = try EvaluationJob(workerInput: input)
    } catch {
      emit(.error("the job on standard input is not valid: \(error)"))
      throw ExitCode(2)
    }
    limitAddressSpace(megabytes: job.memoryMegabytes)
    // Several workers train side by side, one per core.
    BLAS.setThreadCount(1)
    switch ProgramTraining.evaluate(job, dataDirectory: data, progress: { emit(.progress($0)) }) {
    case .success(let finished): emit(.result(finished))
    case .failure(let failure):
      emit(.error(failure.description))
      throw ExitCode(1)
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
