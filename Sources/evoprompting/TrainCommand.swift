import ArchLang
import ArgumentParser
import EvoTensor
import Evolution
import Foundation
import Sessions
import Tasks

/// `evoprompting train FILE`: trains a PyTorch program with the embedded engine.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a PyTorch model program on a task with the embedded engine.",
    discussion: """
      By default trains on 3,500 MNIST-1D examples, keeps the weights with the best accuracy on the other 500 \
      (as the search scores candidates), and reports that accuracy and the test accuracy of those weights. \
      --validation-count 0 follows the MNIST-1D project's protocol instead: all 4,000 training examples, \
      test accuracy of the final weights.
      """
  )

  @Argument(help: "The program (a .py file defining an nn.Module; - reads standard input).") var file: String
  @Option(help: "The task.") var task = TaskName.mnist1d
  @Option(help: "Training steps.") var steps = 8000
  @Option(help: "Batch size.") var batchSize = 128
  @Option(help: "Learning rate.") var lr: Float = 0.01
  @Option(help: "Optimizer: adam, adamw or sgd.") var optimizer: TrainingConfiguration.OptimizerKind = .adam
  @Option(help: "Seed for initialisation and batch order.") var seed: UInt64 = 0
  @Option(help: "Evaluate on the validation set every this many steps.") var evalInterval = 500
  @Option(help: "Read MNIST-1D from raw arrays in this folder instead of generating it.") var data: String?
  @Option(help: "Training examples held out for validation (0: none).") var validationCount = 500
  @Flag(help: "Print one JSON line instead of progress and a summary.") var json = false

  func validate() throws {
    if let algorithm = task.clrsAlgorithm {
      throw ValidationError(
        "train takes MNIST-1D programs; a triplet function trains with `clrs train --algorithm \(algorithm.name) --processor FILE`"
      )
    }
    try SettingRule<Int>.trainingSteps.check(steps, flag: "steps")
    try SettingRule<Int>.batchSize.check(batchSize, flag: "batch-size")
    try SettingRule<Float>.learningRate.check(lr, flag: "lr")
    try SettingRule<Int>.evaluationInterval.check(evalInterval, flag: "eval-interval")
    try SettingRule<Int>.within(0...1_000_000).check(validationCount, flag: "validation-count")
  }

  func run() throws {
    let source = try ProgramText.readForCommand(path: file)
    let training = TrainingConfiguration(
      steps: steps, batchSize: batchSize, learningRate: lr, optimizer: optimizer, seed: seed,
      evaluationInterval: evalInterval)
    let job = EvaluationJob(
      id: file, code: source, task: task.name, training: training, memoryMegabytes: 0, timeoutSeconds: 0)
    BLAS.setThreadCount(1)
    let (description, splits) = try ProgramTraining.data(
      for: task.name, dataDirectory: data, validationCount: validationCount)
    let outcome = ProgramTraining.run(job, splits: splits, task: description) { point in
      if !json {
        let accuracy = point.validationAccuracy.map { String(format: "  val %.2f%%", 100 * $0) } ?? ""
        print("step \(point.step)/\(point.steps)  loss \(String(format: "%.4f", point.trainLoss))\(accuracy)")
      }
    }
    switch outcome {
    case .failure(let failure):
      if json {
        print(try LMCommand.JSONLine.encode(TrainFailureReport(ok: false, error: "\(file):\(failure.description)")))
      } else {
        FileHandle.standardError.write(Data("error: \(file):\(failure.description)\n".utf8))
      }
      throw ExitCode(1)
    case .success(let (finished, report)):
      if json {
        print(try LMCommand.JSONLine.encode(TrainReport(finished: finished, report: report, steps: steps)))
      } else {
        print(
          """
          params           \(finished.params)
          val accuracy     \(validationCount > 0 ? String(format: "%.2f%% (best)", 100 * finished.validationAccuracy) : "no validation set")
          test accuracy    \(String(format: "%.2f%%", 100 * finished.testAccuracy))
          seconds          \(String(format: "%.1f", finished.seconds))
          """)
      }
    }
  }
}

/// `train --json` output.
struct TrainReport: Encodable {
  struct Point: Encodable {
    var step: Int
    var trainLoss: Float
    var valAccuracy: Float?

    enum CodingKeys: String, CodingKey {
      case step
      case trainLoss = "train_loss"
      case valAccuracy = "val_accuracy"
    }
  }

  var ok = true
  var params: Int
  var valAccuracy: Float?
  var testAccuracy: Float
  var seconds: Double
  var msPerStep: Double
  var steps: Int
  var curve: [Point]

  init(finished: TrainingFinished, report: TrainingReport, steps: Int) {
    params = finished.params
    valAccuracy = report.bestValidationAccuracy
    testAccuracy = finished.testAccuracy
    seconds = finished.seconds
    msPerStep = finished.millisecondsPerStep
    self.steps = steps
    curve = report.curve.map { Point(step: $0.step, trainLoss: $0.trainLoss, valAccuracy: $0.validationAccuracy) }
  }

  enum CodingKeys: String, CodingKey {
    case ok, params, seconds, steps, curve
    case valAccuracy = "val_accuracy"
    case testAccuracy = "test_accuracy"
    case msPerStep = "ms_per_step"
  }
}

/// `train --json` output when the program cannot be trained.
struct TrainFailureReport: Encodable {
  var ok: Bool
  var error: String
}
