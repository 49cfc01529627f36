import ArchLang
import ArgumentParser
import CLRSPrograms
import EvoTensor
import Foundation
import Tasks

extension CLRSTrainingPreset: ExpressibleByArgument {}

extension CLRSCommand {
  /// `evoprompting clrs train`: trains the Triplet-GMPNN on one CLRS algorithm with a triplet function program.
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "train",
      abstract: "Train a Triplet-GMPNN on a CLRS algorithm, its triplet-message function a PyTorch program.",
      discussion: """
        The network is dm-clrs 2.0.3's encode-process-decode Triplet-GMPNN in Ibarz et al. (2022)'s single-task \
        setup; FILE defines its triplet-message function as `class TripletMessages(nn.Module)` with \
        `__init__(self, hidden, nb_triplet_fts, out_size)` and `forward(self, z, edge_fts, graph_fts)` (z [B, N, 2H], \
        edge_fts [B, N, N, H], graph_fts [B, H] -> [B, N, N, out_size]); seeds/clrs/ holds the paper's nine.

        Training batches are sampled on the fly, cycling through the training sizes; the validation set (64 graphs \
        of the largest training size) is scored every --eval-every steps and the best weights are scored on the \
        test set (32 graphs of --test-size nodes, the CLRS-30 test distribution). Scores are dm-clrs's: micro-F1 \
        pooled over the set for masks, accuracy for pointers, mask_one and categorical outputs, the mean over \
        outputs.

        --preset paper: H 128, batch 32, sizes 4,7,11,13,16, 10,000 steps, test n 64 (Ibarz et al.; about 8 s a \
        step on two CPU cores: a GPU-sized run). --preset proxy (default): H 32, batch 16, sizes 4,7,11, 1,000 steps, \
        test n 32: a child trains in about two minutes on two cores, and dm-clrs at the same settings \
        (Benchmarks/clrs_reference_train.py) reaches the same scores (Benchmarks/clrs_proxy_results.md). Options \
        given explicitly override the preset.

        --replay FILE trains from a recorded dm-clrs run (Benchmarks/clrs_reference_train.py --export FILE): its \
        initial parameters, its training batches in order (hints recomputed by the Swift algorithms and checked), \
        its validation and test sets, and its settings. The two runs then share every random draw, so their scores \
        differ only by float rounding; the triplet function must have dm-clrs's layers (seeds/clrs/standard.py).
        """
    )

    @Option(help: "The algorithm (\(CLRSAlgorithm.names.joined(separator: ", "))).") var algorithm: String
    @Option(help: "The triplet-message function: a PyTorch program (e.g. seeds/clrs/standard.py).")
    var processor: String
    @Option(help: "Settings: proxy or paper.") var preset: CLRSTrainingPreset = .proxy
    @Option(help: "Hidden size H.") var hidden: Int?
    @Option(help: "Triplet features F (nb_triplet_fts).") var tripletFeatures: Int?
    @Option(help: "Graphs per training batch.") var batchSize: Int?
    @Option(help: "Training steps.") var steps: Int?
    @Option(help: "Training graph sizes, cycled one per step, e.g. 4,7,11,13,16.") var trainSizes: String?
    @Option(help: "Nodes per test graph.") var testSize: Int?
    @Option(help: "Score the validation set every this many steps.") var evalEvery: Int?
    @Option(help: "Graphs in the validation set.") var valSamples: Int?
    @Option(help: "Graphs in the test set.") var testSamples: Int?
    @Option(
      help:
        "Train on a fixed set of this many graphs at the largest training size (CLRS-30's split: 1000 at 16) instead of sampling on the fly."
    )
    var fixedTrainSet: Int?
    @Option(
      help:
        "Train from a recorded dm-clrs run (its parameters, batches, sets and settings) instead of sampling: a file written by Benchmarks/clrs_reference_train.py --export."
    )
    var replay: String?
    @Option(help: "Seed for the data and the initial weights.") var seed: UInt64 = 0
    @Option(help: "Threads for the large matrix products (default: all cores).") var threads: Int?
    @Flag(help: "Print one JSON object instead of progress lines and a summary.") var json = false

    func validate() throws {
      guard CLRSAlgorithm(name: algorithm) != nil else {
        throw ValidationError(
          "unknown algorithm '\(algorithm)'; use one of \(CLRSAlgorithm.names.joined(separator: ", "))")
      }
      for (name, value) in [
        ("--hidden", hidden), ("--triplet-features", tripletFeatures), ("--batch-size", batchSize),
        ("--test-size", testSize), ("--eval-every", evalEvery), ("--val-samples", valSamples),
        ("--test-samples", testSamples), ("--threads", threads), ("--fixed-train-set", fixedTrainSet),
      ] {
        if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
      }
      if let steps, steps < 0 { throw ValidationError("--steps must not be negative, got \(steps)") }
      _ = try parsedTrainSizes()
      if replay != nil {
        let given =
          [
            ("--hidden", hidden), ("--triplet-features", tripletFeatures), ("--batch-size", batchSize),
            ("--test-size", testSize), ("--eval-every", evalEvery), ("--val-samples", valSamples),
            ("--test-samples", testSamples), ("--fixed-train-set", fixedTrainSet),
          ].filter { $0.1 != nil }.map(\.0) + (trainSizes == nil ? [] : ["--train-sizes"])
        if !given.isEmpty {
          throw ValidationError("--replay takes its settings from the recording; drop \(given.joined(separator: ", "))")
        }
      }
    }

    private func parsedTrainSizes() throws -> [Int]? {
      guard let trainSizes else { return nil }
      let sizes = trainSizes.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) >= 2 }) else {
        throw ValidationError("--train-sizes must be comma-separated graph sizes of at least 2, got '\(trainSizes)'")
      }
      return sizes.map { $0! }
    }

    /// The preset with the options given on the command line applied.
    func settings() throws -> CLRSTrainingSettings {
      var settings = CLRSTrainingSettings.preset(preset, algorithm: CLRSAlgorithm(name: algorithm)!, seed: seed)
      if let sizes = try parsedTrainSizes() {
        settings.data.trainSizes = sizes
        settings.data = settings.data.withValidationAtLargestSize
      }
      if let hidden { settings.hidden = hidden }
      if let tripletFeatures { settings.tripletFeatures = tripletFeatures }
      if let batchSize { settings.data.batchSize = batchSize }
      if let steps { settings.steps = steps }
      if let testSize { settings.data.testSize = testSize }
      if let evalEvery { settings.evaluationInterval = evalEvery }
      if let valSamples { settings.data.validationCount = valSamples }
      if let testSamples { settings.data.testCount = testSamples }
      if let fixedTrainSet { settings.fixedTrainingSet = fixedTrainSet }
      return settings
    }

    func run() throws {
      guard let data = FileManager.default.contents(atPath: processor) else {
        throw ValidationError("cannot read \(processor)")
      }
      let source = String(decoding: data, as: UTF8.self)
      let recording: CLRSReferenceRun?
      let settings: CLRSTrainingSettings
      do {
        recording = try replay.map { try CLRSReferenceRun(path: $0) }
        settings = try recording?.trainingSettings(steps: steps) ?? self.settings()
      } catch {
        return try fail("\(error)")
      }
      if let recording, recording.algorithm != CLRSAlgorithm(name: algorithm) {
        return try fail("\(recording.path) records \(recording.algorithm.name), not \(algorithm)")
      }
      // Large products are split over threads here; OpenBLAS's own threads spin while they wait (ParallelGEMM).
      BLAS.setThreadCount(1)
      ParallelGEMM.threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
      // Every step allocates the same activations again: keep freed buffers instead of faulting pages in anew.
      TensorBufferPool.enable()
      // Checked at the largest shapes it will see, so a program that cannot run fails before training.
      let largest = Swift.max(settings.data.testSize, settings.data.validationSize, settings.data.trainSizes.max()!)
      let limits = TripletProgram.limits(
        batchSize: Swift.max(settings.evaluationBatchSize, settings.data.batchSize), nodeCount: largest,
        hidden: settings.hidden, tripletFeatures: settings.tripletFeatures)
      let contract = CLRSTripletContract(
        batchSize: 2, nodeCount: 5, hidden: settings.hidden, tripletFeatures: settings.tripletFeatures)
      let check = TripletProgramCheck(contract: contract, seed: seed).run(source)
      if let error = check.error { return try fail("\(processor):\(error.description)") }
      let report: CLRSTrainingReport
      do {
        report = try train(source, settings: settings, limits: limits, replaying: recording)
      } catch let error as ArchLangError {
        return try fail("\(processor):\(error.description)")
      } catch {
        return try fail("\(error)")
      }
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(TrainOutput(report: report, settings: settings)), as: UTF8.self))
      } else {
        print(
          """
          params           \(report.parameters)
          val score        \(String(format: "%.4f", report.validationScore)) (best, step \(report.bestStep))
          test score       \(String(format: "%.4f", report.testScore)) (n = \(settings.data.testSize))
          seconds          \(String(format: "%.1f", report.seconds))
          ms per step      \(String(format: "%.1f", report.millisecondsPerStep)) (median; CPU \(String(format: "%.1f", report.cpuMillisecondsPerStep)))
          """)
      }
    }

    /// Trains the triplet function `source` on sampled data, or on a recorded dm-clrs run's from its parameters,
    /// printing progress lines unless `--json`.
    private func train(
      _ source: String, settings: CLRSTrainingSettings, limits: InterpreterLimits,
      replaying recording: CLRSReferenceRun?
    ) throws -> CLRSTrainingReport {
      let trainer = CLRSTrainer(settings: settings)
      let progress = { (point: CLRSTrainingReport.CurvePoint) in
        guard !json else { return }
        let score = point.validationScore.map { String(format: "  val %.4f", $0) } ?? ""
        print("step \(point.step)/\(settings.steps)  loss \(String(format: "%.4f", point.loss))\(score)")
      }
      guard let recording else {
        return try trainer.train(
          tripletFactory: TripletProgram.factory(source: source) { _, _ in limits }, progress: progress)
      }
      let network = try recording.initialNetwork(tripletSource: source, limits: limits)
      var data = try recording.data()
      return try trainer.train(network, data: &data, progress: progress)
    }

    private func fail(_ message: String) throws {
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(Failure(error: message)), as: UTF8.self))
      } else {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
      }
      throw ExitCode(1)
    }
  }

  /// `clrs train --json` when the run cannot be made: `{"ok": false, "error": …}`.
  struct Failure: Encodable {
    var ok = false
    var error: String
  }

  /// `clrs train --json`: the report plus the settings it ran with.
  struct TrainOutput: Encodable {
    var report: CLRSTrainingReport
    var settings: CLRSTrainingSettings

    enum CodingKeys: String, CodingKey {
      case ok, algorithm, params, hidden, steps, seed, curve, seconds
      case implementation
      case valScore = "val_score"
      case bestStep = "best_step"
      case testScore = "test_score"
      case testOutputs = "test_outputs"
      case msPerStep = "ms_per_step"
      case msPerStepMean = "ms_per_step_mean"
      case cpuMsPerStep = "cpu_ms_per_step"
      case batchSize = "batch_size"
      case trainSizes = "train_sizes"
      case testSize = "test_size"
      case tripletFeatures = "triplet_features"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(true, forKey: .ok)
      try container.encode("evoprompting", forKey: .implementation)
      try container.encode(report.algorithm, forKey: .algorithm)
      try container.encode(report.parameters, forKey: .params)
      try container.encode(report.validationScore, forKey: .valScore)
      try container.encode(report.bestStep, forKey: .bestStep)
      try container.encode(report.testScore, forKey: .testScore)
      try container.encode(report.testOutputs, forKey: .testOutputs)
      try container.encode(report.seconds, forKey: .seconds)
      try container.encode(report.millisecondsPerStep, forKey: .msPerStep)
      try container.encode(report.millisecondsPerStepMean, forKey: .msPerStepMean)
      try container.encode(report.cpuMillisecondsPerStep, forKey: .cpuMsPerStep)
      try container.encode(report.steps, forKey: .steps)
      try container.encode(report.curve, forKey: .curve)
      try container.encode(settings.hidden, forKey: .hidden)
      try container.encode(settings.tripletFeatures, forKey: .tripletFeatures)
      try container.encode(settings.data.batchSize, forKey: .batchSize)
      try container.encode(settings.data.trainSizes, forKey: .trainSizes)
      try container.encode(settings.data.testSize, forKey: .testSize)
      try container.encode(settings.seed, forKey: .seed)
    }
  }
}
