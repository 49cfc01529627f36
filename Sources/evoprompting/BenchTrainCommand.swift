import ArgumentParser
import EvoTensor
import Evolution
import Foundation
import Tasks

/// `evoprompting bench train`: trains an MNIST-1D reference network and reports accuracy and step time.
struct BenchTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an MNIST-1D reference network (4,000 train / 1,000 test) and report accuracy and speed.",
    discussion: """
      The median step time covers forward, backward and the optimizer update on one batch. Compare with \
      Benchmarks/pytorch_train_bench.py, which trains the same network the same way in PyTorch.
      """
  )

  @Option(help: "Network: \(MNIST1DReferenceModels.names.joined(separator: ", ")).")
  var model = "mnist1d-cnn"
  @Option(help: "Training steps.") var steps = 8000
  @Option(help: "Batch size.") var batchSize = 100
  @Option(help: "Learning rate.") var lr: Float = 0.01
  @Option(help: "Optimizer: adam, adamw or sgd.") var optimizer: TrainingConfiguration.OptimizerKind = .adam
  @Option(help: "Seed for initialisation and batch order.") var seed: UInt64 = 0
  @Option(help: "BLAS threads (1 is fastest for networks this small; the search trains several at once).") var threads =
    1
  @Option(help: "Read the dataset from raw arrays in this folder (mnist1d_x_train.f32 …) instead of generating it.")
  var data: String?
  @Flag(help: "Print one JSON line instead of a table.") var json = false

  func validate() throws {
    guard MNIST1DReferenceModels.names.contains(model) else {
      throw ValidationError(
        "unknown model '\(model)'; choose one of \(MNIST1DReferenceModels.names.joined(separator: ", "))")
    }
    try SettingRule<Int>.trainingSteps.check(steps, flag: "steps")
    try SettingRule<Int>.batchSize.check(batchSize, flag: "batch-size")
    try SettingRule<Float>.learningRate.check(lr, flag: "lr")
    try SettingRule<Int>.threads.check(threads, flag: "threads")
  }

  func run() throws {
    BLAS.setThreadCount(threads)
    let dataset = try BenchmarkData.load(directory: data)
    var generator = RandomSource(seed: seed)
    let network = MNIST1DReferenceModels.make(model, using: &generator)!
    let trainer = ClassifierTrainer(
      configuration: TrainingConfiguration(
        steps: steps, batchSize: batchSize, learningRate: lr, optimizer: optimizer, seed: seed,
        evaluationInterval: Swift.max(steps / 10, 1)))
    // As the MNIST-1D project benchmarks: all 4,000 training examples, scored on the 1,000 test examples.
    let splits = dataset.splits(validationCount: 0)
    let report = trainer.train(network, train: splits.train, validation: nil, test: splits.test) { point in
      if !json {
        print("step \(point.step)/\(steps)  loss \(String(format: "%.4f", point.trainLoss))")
      }
    }
    if json {
      print(
        try LMCommand.JSONLine.encode(
          BenchTrainReport(
            model: model, params: report.parameterCount, testAccuracy: report.testAccuracy ?? 0,
            finalTrainLoss: report.finalTrainLoss, seconds: report.seconds, msPerStep: report.millisecondsPerStep,
            steps: steps, batchSize: batchSize, lr: lr, seed: seed, threads: threads,
            data: data == nil ? "generated" : "reference")))
    } else {
      print(
        """
        model          \(model)
        params         \(report.parameterCount)
        test accuracy  \(String(format: "%.2f%%", 100 * (report.testAccuracy ?? 0)))
        seconds        \(String(format: "%.1f", report.seconds))
        ms per step    \(String(format: "%.3f", report.millisecondsPerStep)) (median)
        """)
    }
  }
}

extension TrainingConfiguration.OptimizerKind: ExpressibleByArgument {}

/// `bench train --json` output.
struct BenchTrainReport: Encodable {
  var model: String
  var params: Int
  var testAccuracy: Float
  var finalTrainLoss: Float
  var seconds: Double
  var msPerStep: Double
  var steps: Int
  var batchSize: Int
  var lr: Float
  var seed: UInt64
  var threads: Int
  var data: String

  enum CodingKeys: String, CodingKey {
    case model, params, seconds, steps, lr, seed, threads, data
    case testAccuracy = "test_accuracy"
    case finalTrainLoss = "final_train_loss"
    case msPerStep = "ms_per_step"
    case batchSize = "batch_size"
  }
}
