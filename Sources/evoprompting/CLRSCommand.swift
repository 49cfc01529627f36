import ArgumentParser
import Foundation
import Tasks

/// `evoprompting clrs`: the CLRS algorithmic-reasoning task (Veličković et al. 2022) as dm-clrs 2.0.3 defines it.
struct CLRSCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clrs",
    abstract: "CLRS algorithmic reasoning: the algorithms, their samplers and the reference checks.",
    subcommands: [CheckReference.self, Stats.self]
  )
}

extension CLRSCommand {
  /// `evoprompting clrs check-reference FILE...`: runs the Swift algorithms on the inputs of dm-clrs reference
  /// files and compares every hint and output array.
  struct CheckReference: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check-reference",
      abstract: "Compare the Swift CLRS algorithms with trajectories recorded by dm-clrs's samplers.",
      discussion: """
        Each FILE is a reference file (format of shared/reference/clrs/, made by scripts/make_clrs_reference.py): \
        the algorithm runs on every instance's inputs, and each hint array (at every step) and output array is \
        compared with the recorded one (scalars to 2e-5, as files carry 6 decimals; other types exactly). Inputs \
        the algorithm recomputes (pos, adj) and run.py's views are compared too. Exit status: 0 all match, \
        1 a mismatch, 2 an unreadable or malformed file.
        """
    )

    @Argument(help: "Reference files (one algorithm each).") var files: [String]
    @Flag(
      help: "Print one JSON object: {arrays, matched, mismatches: [{file, split, instance, probe, step, detail}], …}.")
    var json = false

    func run() throws {
      var total = CLRSReferenceCheck()
      var perFile: [FileResult] = []
      for path in files {
        let check: CLRSReferenceCheck
        let algorithm: String
        do {
          let file = try CLRSReferenceFile(path: path)
          algorithm = file.algorithm.name
          check = try CLRSReferenceCheck.check(file)
        } catch {
          FileHandle.standardError.write(Data("error: \(error)\n".utf8))
          throw ExitCode(2)
        }
        total.add(check)
        perFile.append(FileResult(file: path, algorithm: algorithm, check: check))
      }
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(Report(total: total, files: perFile)), as: UTF8.self))
      } else {
        for result in perFile { print(result.line) }
        for mismatch in total.mismatches.prefix(50) {
          let step = mismatch.step.map { " step \($0)" } ?? ""
          print(
            "mismatch: \(mismatch.file) \(mismatch.split)[\(mismatch.instance)] \(mismatch.probe)\(step): \(mismatch.detail)"
          )
        }
        if total.mismatches.count > 50 { print("… and \(total.mismatches.count - 50) more mismatches") }
        print("total: \(total.matched)/\(total.arrays) hint and output arrays match")
      }
      if !total.passed { throw ExitCode(1) }
    }
  }

  /// `evoprompting clrs stats`: the sampler's statistics, to compare with dm-clrs's
  /// (`scripts/make_clrs_sampler_stats.py`).
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: "Statistics of a CLRS sampler: hint length, edge density, self-loops, output positives.",
      discussion: """
        --p clrs30 is the CLRS-30 dataset's sampler (p = 0.2 for articulation_points and mst_kruskal, else 0.5); \
        --p ibarz is run.py's training sampler (p from 0.1 to 0.9, halved for those two).
        """
    )

    @Option(help: "The algorithm (\(CLRSAlgorithm.names.joined(separator: ", "))).") var algorithm: String
    @Option(name: .customLong("n"), help: "Nodes per sample.") var nodeCount = 16
    @Option(help: "Samples to draw.") var samples = 1000
    @Option(help: "Edge probabilities: clrs30 or ibarz.") var p = "clrs30"
    @Option(help: "Seed of the sampler.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
      guard CLRSAlgorithm(name: algorithm) != nil else {
        throw ValidationError(
          "unknown algorithm '\(algorithm)'; use one of \(CLRSAlgorithm.names.joined(separator: ", "))")
      }
      guard p == "clrs30" || p == "ibarz" else { throw ValidationError("--p must be clrs30 or ibarz, not '\(p)'") }
      guard nodeCount >= 1, samples >= 1 else { throw ValidationError("--n and --samples must be at least 1") }
    }

    func run() throws {
      let algorithm = CLRSAlgorithm(name: self.algorithm)!
      let sampler = p == "ibarz" ? CLRSSampler.ibarzTraining(algorithm) : .clrs30(algorithm)
      let stats = CLRSSamplerStatistics.measure(sampler, nodeCount: nodeCount, samples: samples, seed: seed)
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(stats), as: UTF8.self))
        return
      }
      var line = "\(algorithm.name) n=\(nodeCount) \(samples) samples (\(p)): hint length mean "
      line += String(format: "%.3f std %.3f max %d", stats.hintLengthMean, stats.hintLengthStd, stats.hintLengthMax)
      if let density = stats.edgeDensity, let loops = stats.selfLoopRate {
        line += String(format: ", edge density %.5f, self-loops %.4f", density, loops)
      }
      if let weight = stats.edgeWeightMean { line += String(format: ", mean weight %.4f", weight) }
      for (name, rate) in stats.outputPositiveRates.sorted(by: { $0.key < $1.key }) {
        line += String(format: ", %@ positive %.4f", name, rate)
      }
      print(line)
    }
  }

  struct FileResult: Encodable {
    var file: String
    var algorithm: String
    var check: CLRSReferenceCheck

    var line: String {
      "\(file): \(algorithm), \(check.instances) instances, \(check.matched)/\(check.arrays) hint and output arrays, "
        + "\(check.inputsMatched)/\(check.inputArrays) inputs, \(check.runPyMatched)/\(check.runPyArrays) run.py views"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: DynamicKey.self)
      try container.encode(file, forKey: DynamicKey("file"))
      try container.encode(algorithm, forKey: DynamicKey("algorithm"))
      try container.encode(check.arrays, forKey: DynamicKey("arrays"))
      try container.encode(check.matched, forKey: DynamicKey("matched"))
      try container.encode(check.instances, forKey: DynamicKey("instances"))
    }
  }

  /// The totals (`arrays`, `matched`, `mismatches`, …) plus one line per file.
  struct Report: Encodable {
    var total: CLRSReferenceCheck
    var files: [FileResult]

    func encode(to encoder: Encoder) throws {
      try total.encode(to: encoder)
      var container = encoder.container(keyedBy: DynamicKey.self)
      try container.encode(files, forKey: DynamicKey("files"))
      try container.encode(total.passed, forKey: DynamicKey("ok"))
    }
  }

  struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}
