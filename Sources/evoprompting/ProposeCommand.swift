import ArchLang
import ArgumentParser
import ConstrainedDecoding
import EvoTensor
import Evolution
import Foundation
import LanguageModels
import PromptTuning

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
    let builder = PromptBuilder()
    let check = CandidateCheck(exampleShape: [40], classCount: 10)
    let seeds = SeedProgram.all
    let fingerprints = Dictionary(
      uniqueKeysWithValues: seeds.map { seed in (seed.name, check.run(seed.source).functionFingerprint ?? "") })
    let temperatures = SearchSettings().temperatures
    var generator = RandomSource(seed: seed)
    var proposals: [[String: Any]] = []
    var validCount = 0
    var novelCount = 0
    var sampledTokens = 0
    var decodeSeconds = 0.0
    for index in 0..<count {
      let first = generator.nextInt(below: seeds.count)
      var second = generator.nextInt(below: seeds.count - 1)
      if second >= first { second += 1 }
      let parents = [seeds[first], seeds[second]]
      let prompt = builder.prompt(
        parents: parents.map {
          (
            code: $0.source,
            metrics: ParentMetrics(params: $0.parameterCount, validationAccuracy: Self.seedAccuracy[$0.name] ?? 0)
          )
        })
      let promptTemperature = temperature ?? temperatures[generator.nextInt(below: temperatures.count)]
      let parameters = SamplingParameters(
        temperature: promptTemperature, topP: 0.95, seed: seed &+ UInt64(index) &* 1000, maxTokens: maxTokens,
        stopSequences: PromptBuilder.stopSequences)
      var entry: [String: Any] = [
        "parents": parents.map(\.name), "temperature": Double(promptTemperature),
      ]
      var code: String?
      if let proposer {
        let distinctFrom =
          refuseCopies ? Dictionary(parents.map { (fingerprints[$0.name] ?? "", $0.name) }) { a, _ in a } : [:]
        let proposal = try proposer.propose(
          prompt: prompt, opening: builder.programOpening, parameters: parameters, distinctFrom: distinctFrom)
        if refuseCopies { entry["copies_rewritten"] = proposal.copiesRewritten }
        code = proposal.code
        sampledTokens += proposal.sampledTokens
        decodeSeconds += proposal.decodeSeconds
        entry["sampled_tokens"] = proposal.sampledTokens
        entry["backtracks"] = proposal.backtracks
        entry["attempts"] = proposal.attempts
        entry["seconds"] = proposal.decodeSeconds
        entry["prompt_seconds"] = proposal.promptSeconds
        if let failure = proposal.failure { entry["decoding_failure"] = failure }
      } else {
        let result = try languageModel.generate(promptTokens: languageModel.tokenize(prompt), parameters: parameters)[0]
        code = CodeExtractor(programOpening: builder.programOpening, parentPrograms: parents.map(\.source))
          .extract(from: result.text)
        sampledTokens += result.tokens.count
        decodeSeconds += result.decodeSeconds
        entry["sampled_tokens"] = result.tokens.count
        entry["seconds"] = result.decodeSeconds
        entry["prompt_seconds"] = result.promptSeconds
        if code == nil { entry["raw"] = result.text }
      }
      // The search's check, input-size repair included: the repaired program is the proposal.
      let checked = code.map { check.runRepairingInputSizes($0) }
      if let checked, !checked.repairs.isEmpty {
        code = checked.source
        entry["repairs"] = checked.repairs.map(\.description)
      }
      entry["code"] = code ?? ""
      let report = checked?.report
      let valid = report?.isAccepted ?? false
      let novel = valid && !parents.contains { fingerprints[$0.name] == report?.functionFingerprint }
      if valid, let code {
        validCount += 1
        // The completion is what the model wrote after the prompt's program opening, as a search tunes on it.
        let completion = ProgramOpening(builder.programOpening).completion(of: code)
        try pairsFile?.write(contentsOf: Data(TuningPairsFile.line(prompt: prompt, completion: completion).utf8))
      }
      if novel { novelCount += 1 }
      entry["valid"] = valid
      entry["novel"] = novel
      if let params = report?.parameterCount { entry["params"] = params }
      if !valid { entry["reason"] = report?.error?.description ?? "no program in the reply" }
      proposals.append(entry)
      if !json {
        let status = valid ? (novel ? "valid, novel" : "valid, copy of a parent") : "invalid: \(entry["reason"] ?? "")"
        print(
          "proposal \(index + 1)/\(count) [\(parents[0].name)+\(parents[1].name), T=\(promptTemperature)]: \(status)")
      }
    }
    let summary: [String: Any] = [
      "proposals": proposals, "constrained": proposer != nil, "model": languageModel.name,
      "valid_fraction": Double(validCount) / Double(count), "novel_fraction": Double(novelCount) / Double(count),
      "tokens_per_second": decodeSeconds > 0 ? Double(sampledTokens) / decodeSeconds : 0,
    ]
    if json {
      let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(
        "valid \(validCount)/\(count), novel \(novelCount)/\(count), \(String(format: "%.1f", summary["tokens_per_second"] as? Double ?? 0)) tokens/s"
      )
    }
  }
}
