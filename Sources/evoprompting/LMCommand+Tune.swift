import ArgumentParser
import Evolution
import Foundation
import LanguageModels
import PromptTuning

extension LMCommand {
  /// `evoprompting lm tune`: train a soft prompt on (prompt, completion) pairs and report held-out NLL.
  struct Tune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tune",
      abstract: "Train a soft prompt (prompt-tuning) on JSONL (prompt, completion) pairs; report eval NLL before/after."
    )

    @OptionGroup var model: EmbeddedModelOption

    @Option(help: "Training pairs: JSON Lines of {\"prompt\": ..., \"completion\": ...}.")
    var train: String

    @Option(help: "Held-out pairs in the same format.")
    var eval: String

    @Option(name: .customLong("prompt-length"), help: "Virtual tokens in the soft prompt.")
    var promptLength = 16

    @Option(help: "Passes over the training pairs.")
    var epochs = 5

    @Option(name: .customLong("batch-size"), help: "Pairs per Adam step.")
    var batchSize = 16

    @Option(help: "Adam learning rate.")
    var lr: Float = 0.1

    @Option(help: "Seed of the example order.")
    var seed: UInt64 = 0

    @Option(name: .customLong("max-prompt-tokens"), help: "Keep the last N prompt tokens (0: all).")
    var maxPromptTokens = 384

    @Option(name: .customLong("max-completion-tokens"), help: "Score the first N completion tokens (0: all).")
    var maxCompletionTokens = 384

    @Option(help: "Write the trained soft prompt here (EVSP binary: header with width and length, then float32s).")
    var out: String?

    @Flag(help: "Print one JSON line.")
    var json = false

    /// The JSON line this command prints.
    struct Report: Encodable {
      let trainExamples: Int
      let evalExamples: Int
      let evalTokens: Int
      let evalNLLBefore: Float
      let evalNLLAfter: Float
      let seconds: Double
      let trainSeconds: Double
      /// Training seconds per example pass (forward and backward of one pair).
      let secondsPerExample: Double
      let lossCurve: [Float]
      let out: String?

      enum CodingKeys: String, CodingKey {
        case trainExamples = "train_examples"
        case evalExamples = "eval_examples"
        case evalTokens = "eval_tokens"
        case evalNLLBefore = "eval_nll_before"
        case evalNLLAfter = "eval_nll_after"
        case seconds
        case trainSeconds = "train_seconds"
        case secondsPerExample = "seconds_per_example"
        case lossCurve = "loss_curve"
        case out
      }
    }

    func validate() throws {
      try SettingRule<Int>.within(1...256).check(promptLength, flag: "prompt-length")
      try SettingRule<Int>.within(0...1000).check(epochs, flag: "epochs")
      try SettingRule<Int>.batchSize.check(batchSize, flag: "batch-size")
      try SettingRule<Float>.learningRate.check(lr, flag: "lr")
      try SettingRule<Int>.within(0...32_768).check(maxPromptTokens, flag: "max-prompt-tokens")
      try SettingRule<Int>.within(0...32_768).check(maxCompletionTokens, flag: "max-completion-tokens")
    }

    /// A progress line: on standard output, or with `--json` on standard error with the seconds so far, so that
    /// a long run (tens of minutes for Qwen) shows where it is and a stopped one still tells something.
    private func progress(_ line: String, since start: UInt64) {
      guard json else { return print(line) }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      FileHandle.standardError.write(Data("[\(String(format: "%.0f", seconds)) s] \(line)\n".utf8))
    }

    func run() async throws {
      let start = DispatchTime.now().uptimeNanoseconds
      let path = try model.path()
      let file = try GGUFFile(path: path)
      var settings = PromptTuningSettings()
      settings.promptLength = promptLength
      settings.epochs = epochs
      settings.batchSize = batchSize
      settings.learningRate = lr
      settings.seed = seed
      settings.maxPromptTokens = maxPromptTokens > 0 ? maxPromptTokens : nil
      settings.maxCompletionTokens = maxCompletionTokens > 0 ? maxCompletionTokens : nil
      let trainer = SoftPromptTrainer(
        model: try TunableLlama(model: try LlamaModel(file: file)), tokenizer: try Tokenizer(file: file),
        settings: settings)
      let trainExamples = trainer.examples(try TuningPairsFile.read(from: train))
      let evalExamples = trainer.examples(try TuningPairsFile.read(from: eval))
      let before = try trainer.meanNLL(evalExamples, softPrompt: nil)
      progress("eval NLL before: \(before) nats/token over \(evalExamples.count) pairs", since: start)
      let steps = (trainExamples.count + batchSize - 1) / batchSize * epochs
      let outcome = try trainer.train(trainExamples) { step, loss in
        progress("step \(step) of \(steps)\tloss \(loss)", since: start)
      }
      let after = try trainer.meanNLL(evalExamples, softPrompt: outcome.softPrompt)
      if let out { try SoftPromptFile.write(outcome.softPrompt, to: out) }
      let report = Report(
        trainExamples: trainExamples.count, evalExamples: evalExamples.count,
        evalTokens: evalExamples.reduce(0) { $0 + $1.completionTokens.count }, evalNLLBefore: before,
        evalNLLAfter: after, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
        trainSeconds: outcome.seconds,
        secondsPerExample: outcome.seconds / Double(max(1, trainExamples.count * epochs)), lossCurve: outcome.lossCurve,
        out: out)
      if json {
        print(try JSONLine.encode(report))
      } else {
        print("eval NLL after: \(after) nats/token; training \(String(format: "%.1f", outcome.seconds)) s")
        if let out { print("soft prompt written to \(out)") }
      }
    }
  }
}
