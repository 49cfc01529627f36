import ArgumentParser
import ConstrainedDecoding
import EvoTensor
import Evolution
import Foundation
import LanguageModels

/// `evoprompting propose`: samples children from the embedded model with prompts built as a search round builds
/// them (two seeds per prompt with their metrics, the paper's target metrics, the imports as opening), and reports
/// how many are valid and novel, with or without constrained decoding.
struct ProposeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "propose",
    abstract: "Sample child programs from the embedded model and measure how many are valid and novel.",
    discussion: """
      Each prompt shows two MNIST-1D seeds drawn at random with their metrics (parameters, validation accuracy);
      its temperature is drawn from the search's temperatures. With constraints (the default) every token must keep
      the text a viable program (known modules and keyword arguments, names defined before use) and every completed
      statement is run on a dummy input, a failing line being resampled. A proposal is valid when it passes the
      search's candidate check, novel when the network it builds differs from both parents' (a parent written
      differently is a copy).
      """
  )

  @Option(help: "The task: mnist1d.") var task = TaskName.mnist1d
  @Option(help: "Language model backend: embedded (constrained decoding needs token-level access).")
  var lm = LanguageModelBackend.embedded
  @Option(help: "A GGUF path or installed model name (default qwen2.5-coder-0.5b).") var model: String?
  @Option(help: "Number of proposals (one per prompt).") var count = 8
  @Option(help: "Seed for parent and temperature draws and for sampling.") var seed: UInt64 = 0
  @Option(help: "Fixed temperature instead of one drawn per prompt.") var temperature: Float?
  @Option(
    help:
      "Most tokens a proposal keeps (constrained decoding samples up to 8x as many, resampled lines and restarts included)."
  )
  var maxTokens = 768
  @Flag(help: "Sample without constraints, as a plain completion.") var noConstraints = false
  @Flag(help: "Print one JSON object instead of text.") var json = false
  @Option(
    help: ArgumentHelp(
      "Also write each valid proposal with its prompt to this file, as prompt-tuning pairs for `lm tune`.",
      valueName: "PATH"))
  var pairs: String?
  @Flag(help: "Print each line constrained decoding rejects, and why, to standard error.") var trace = false
  @Flag(help: "Rewrite a layer of a program that would compute what a parent computes (a search's --refuse-copies).")
  var refuseCopies = false

  /// The seeds' metrics as the MNIST-1D project reports them (parameters, validation accuracy).
  static let seedAccuracy: [String: Float] = ["cnn": 0.92, "mlp": 0.68, "gru": 0.91, "large_cnn": 0.94]

  func validate() throws {
    guard task == .mnist1d else { throw ValidationError("propose builds MNIST-1D prompts: use --task mnist1d") }
    guard lm == .embedded else { throw ValidationError("propose needs --lm embedded (token-level access)") }
    try SettingRule<Int>.within(1...10_000).check(count, flag: "count")
    if let temperature { try SettingRule<Float>.temperature.check(temperature, flag: "temperature") }
    try SettingRule<Int>.tokenCount.check(maxTokens, flag: "max-tokens")
    if refuseCopies && noConstraints {
      throw ValidationError("--refuse-copies needs constrained decoding: leave out --no-constraints")
    }
  }

  func run() throws {
    let path = try LanguageModelFactory.embeddedModelPath(model)
    let languageModel = try EmbeddedLanguageModel(path: path, threadCount: ProcessInfo.processInfo.activeProcessorCount)
    let proposer = noConstraints ? nil : ConstrainedProposer(model: languageModel)
    if trace {
      proposer?.onRejection = { line, reason in
        FileHandle.standardError.write(Data("rejected: \(line)\n    because: \(reason)\n".utf8))
      }
    }
    var pairsFile: FileHandle?
    if let pairs {
      guard FileManager.default.createFile(atPath: pairs, contents: nil),
        let handle = FileHandle(forWritingAtPath: pairs)
      else { throw CommandFailure("cannot write \(pairs)") }
      pairsFile = handle
    }
    defer { try? pairsFile?.close() }
    var measurement = ProposalMeasurement(languageModel: languageModel, proposer: proposer, refuseCopies: refuseCopies)
    var generator = RandomSource(seed: seed)
    let temperatures = SearchSettings().temperatures
    for index in 0..<count {
      let parents = measurement.drawParents(using: &generator)
      let promptTemperature = temperature ?? temperatures[generator.nextInt(below: temperatures.count)]
      let parameters = SamplingParameters(
        temperature: promptTemperature, topP: 0.95, seed: seed &+ UInt64(index) &* 1000, maxTokens: maxTokens,
        stopSequences: PromptBuilder.stopSequences)
      let outcome = try measurement.propose(parents: parents, parameters: parameters)
      if let pair = outcome.tuningPair { try pairsFile?.write(contentsOf: Data(pair.utf8)) }
      if !json {
        let status =
          outcome.valid ? (outcome.novel ? "valid, novel" : "valid, copy of a parent") : "invalid: \(outcome.reason)"
        print(
          "proposal \(index + 1)/\(count) [\(parents[0].name)+\(parents[1].name), T=\(promptTemperature)]: \(status)")
      }
    }
    try measurement.printSummary(json: json, count: count)
  }
}
