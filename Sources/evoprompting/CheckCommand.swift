import ArchLang
import ArgumentParser
import CLRSPrograms
import EvoTensor
import Evolution
import Foundation
import Tasks

/// `evoprompting check FILE`: parses, checks and builds a candidate program, and runs one forward pass on a batch
/// shaped like the task's input, as the search does before training a child.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a candidate PyTorch program: supported subset, parameter count and output shape.",
    discussion: """
      The program must define its network as a module-level `model = ...`, a class named `Model`, or (else) the
      last nn.Module subclass, which is built with no arguments. With --task mnist1d the network gets a [4, 40]
      batch and must return [4, 10] logits. With --task clrs:ALGORITHM the program is a triplet-message function
      (`class TripletMessages`, see `clrs train --help`), built with (16, 8, 16) and run on two graphs of five
      nodes: it must return [2, 5, 5, 16]. Exit status: 0 accepted, 1 rejected, 2 usage (unreadable file,
      unknown task).
      """
  )

  @Argument(help: "The Python file to check (- reads standard input).") var file: String
  @Option(
    help: "The task whose input the model must accept: mnist1d, clrs:ALGORITHM, or none to skip the forward pass.")
  var task = "mnist1d"
  @Option(help: "Seed for the initial weights.") var seed: UInt64 = 0
  @Flag(
    help: """
      When a layer's in_features or in_channels is not the size of its input, write that size into the program \
      and check again, as the search does with proposals (MNIST-1D); the report gives the repaired program.
      """)
  var repairInputSizes = false
  @Flag(help: "Print one JSON object instead of text.") var json = false

  /// The batch size of the example forward pass.
  static let exampleBatch = 4

  func run() throws {
    let taskDescription: TaskDescription?
    let taskName = TaskName(settingText: task)
    switch task {
    case "mnist1d": taskDescription = .mnist1d
    case "none": taskDescription = nil
    case _ where taskName?.clrsAlgorithm != nil: taskDescription = nil
    default:
      FileHandle.standardError.write(
        Data("error: unknown task '\(task)'; use mnist1d, clrs:ALGORITHM or none\n".utf8))
      throw ExitCode(2)
    }
    let source = try ProgramText.readForCommand(path: file)
    let checked: RepairedCandidateReport
    if taskName?.clrsAlgorithm != nil {
      let report = TripletProgramCheck(contract: CLRSTaskContract.contract(hidden: 16), seed: seed).run(source)
      checked = RepairedCandidateReport(report: report, source: source, repairs: [])
    } else {
      let check = CandidateCheck(
        exampleShape: taskDescription?.inputShape, classCount: taskDescription?.classCount ?? 0,
        batchSize: CheckCommand.exampleBatch, seed: seed)
      checked =
        repairInputSizes
        ? check.runRepairingInputSizes(source)
        : RepairedCandidateReport(report: check.run(source), source: source, repairs: [])
    }
    let report = CheckReport(checked, file: file)
    try report.print(json: json) {
      let shapes = report.output_shape.map { ", input \(report.input_shape ?? []) -> output \($0)" } ?? ""
      print("\(file): ok, model \(report.model ?? "?"), \(report.params ?? 0) parameters\(shapes)")
      for repair in report.repairs ?? [] { print("repaired \(file):\(repair)") }
      if let log = report.log, !log.isEmpty { print(log, terminator: log.hasSuffix("\n") ? "" : "\n") }
    }
  }
}
