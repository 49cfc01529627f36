import ArchLang
import ArgumentParser
import CLRSPrograms
import Foundation
import Tasks

extension CLRSCommand {
  /// `evoprompting clrs check FILE`: the CLRS task's check of a triplet-message program, as the search runs it.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check a triplet-message program: supported subset, parameter count and output shape.",
      discussion: """
        The program defines `class TripletMessages(nn.Module)` (else the class `check` would pick), built with \
        (hidden, nb_triplet_fts, out_size) = (H, F, H), and `forward(self, z, edge_fts, graph_fts)`: it gets z \
        [B, N, 2H], edge_fts [B, N, N, H] and graph_fts [B, H] and must return [B, N, N, H]. Exit status: 0 \
        accepted, 1 rejected, 2 usage.
        """
    )

    @Argument(help: "The Python file to check.") var file: String
    @Option(help: "Hidden size H.") var hidden = 16
    @Option(help: "Triplet features F.") var tripletFeatures = 8
    @Option(help: "Graphs in the example batch.") var batchSize = 2
    @Option(help: "Nodes per example graph.") var nodes = 5
    @Option(help: "Seed for the initial weights.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
      for (name, value) in [
        ("--hidden", hidden), ("--triplet-features", tripletFeatures), ("--batch-size", batchSize), ("--nodes", nodes),
      ] where value < 1 {
        throw ValidationError("\(name) must be at least 1, got \(value)")
      }
    }

    func run() throws {
      guard let data = FileManager.default.contents(atPath: file), let source = String(data: data, encoding: .utf8)
      else {
        FileHandle.standardError.write(Data("error: cannot read '\(file)' as UTF-8 text\n".utf8))
        throw ExitCode(2)
      }
      let contract = CLRSTripletContract(
        batchSize: batchSize, nodeCount: nodes, hidden: hidden, tripletFeatures: tripletFeatures)
      let report = CheckReport(TripletProgramCheck(contract: contract, seed: seed).run(source), file: file)
      try report.print(json: json) {
        let shapes = contract.inputShapes.map { "\($0)" }.joined(separator: ", ")
        print(
          "\(file): ok, \(report.model ?? "?"), \(report.params ?? 0) parameters, (\(shapes)) -> \(contract.outputShape)"
        )
      }
    }
  }
}
