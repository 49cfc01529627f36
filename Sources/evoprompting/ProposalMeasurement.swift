import ArchLang
import ConstrainedDecoding
import EvoTensor
import Evolution
import Foundation
import LanguageModels
import PromptTuning

/// What `propose` measures: each proposal's prompt built from two seeds with their metrics, as a search round
/// builds it; the reply checked as a search checks it (input-size repair included); and the totals.
struct ProposalMeasurement {
  /// One proposal's verdict.
  struct Outcome {
    var valid: Bool
    var novel: Bool
    /// Why it is invalid ("" when valid).
    var reason: String
    /// The prompt-tuning pair of a valid proposal, as a line of a pairs file.
    var tuningPair: String?
  }

  let languageModel: EmbeddedLanguageModel
  /// Constrained decoding; nil samples plain completions.
  let proposer: ConstrainedProposer?
  /// Whether a program that computes what a parent computes is rewritten (`--refuse-copies`).
  let refuseCopies: Bool
  let builder = PromptBuilder()
  let check = CandidateCheck(exampleShape: [40], classCount: 10)
  let seeds = SeedProgram.all
  /// What each seed computes, by name.
  let fingerprints: [String: String]
  private(set) var proposals: [[String: Any]] = []
  private var validCount = 0
  private var novelCount = 0
  private var sampledTokens = 0
  private var decodeSeconds = 0.0

  init(languageModel: EmbeddedLanguageModel, proposer: ConstrainedProposer?, refuseCopies: Bool) {
    self.languageModel = languageModel
    self.proposer = proposer
    self.refuseCopies = refuseCopies
    let check = self.check
    fingerprints = Dictionary(
      uniqueKeysWithValues: seeds.map { seed in (seed.name, check.run(seed.source).functionFingerprint ?? "") })
  }

  /// Two different seeds, drawn as `propose` always drew them.
  func drawParents(using generator: inout RandomSource) -> [SeedProgram] {
    let first = generator.nextInt(below: seeds.count)
    var second = generator.nextInt(below: seeds.count - 1)
    if second >= first { second += 1 }
    return [seeds[first], seeds[second]]
  }

  /// Samples one child of `parents`, checks it and records it.
  mutating func propose(parents: [SeedProgram], parameters: SamplingParameters) throws -> Outcome {
    let prompt = builder.prompt(
      parents: parents.map {
        (
          code: $0.source,
          metrics: ParentMetrics(
            params: $0.parameterCount, validationAccuracy: ProposeCommand.seedAccuracy[$0.name] ?? 0)
        )
      })
    var entry: [String: Any] = ["parents": parents.map(\.name), "temperature": Double(parameters.temperature)]
    var code = try sample(prompt: prompt, parents: parents, parameters: parameters, entry: &entry)
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
    var outcome = Outcome(
      valid: valid, novel: novel, reason: valid ? "" : report?.error?.description ?? "no program in the reply")
    if valid, let code {
      validCount += 1
      // The completion is what the model wrote after the prompt's program opening, as a search tunes on it.
      let completion = ProgramOpening(builder.programOpening).completion(of: code)
      outcome.tuningPair = TuningPairsFile.line(prompt: prompt, completion: completion)
    }
    if novel { novelCount += 1 }
    entry["valid"] = valid
    entry["novel"] = novel
    if let params = report?.parameterCount { entry["params"] = params }
    if !valid { entry["reason"] = outcome.reason }
    proposals.append(entry)
    return outcome
  }

  /// The program the model writes for `prompt` (nil when a plain completion holds none), its timings in `entry`.
  private mutating func sample(
    prompt: String, parents: [SeedProgram], parameters: SamplingParameters, entry: inout [String: Any]
  ) throws -> String? {
    guard let proposer else {
      let result = try languageModel.generate(promptTokens: languageModel.tokenize(prompt), parameters: parameters)[0]
      let code = CodeExtractor(programOpening: builder.programOpening, parentPrograms: parents.map(\.source))
        .extract(from: result.text)
      sampledTokens += result.tokens.count
      decodeSeconds += result.decodeSeconds
      entry["sampled_tokens"] = result.tokens.count
      entry["seconds"] = result.decodeSeconds
      entry["prompt_seconds"] = result.promptSeconds
      if code == nil { entry["raw"] = result.text }
      return code
    }
    let distinctFrom =
      refuseCopies ? Dictionary(parents.map { (fingerprints[$0.name] ?? "", $0.name) }) { first, _ in first } : [:]
    let proposal = try proposer.propose(
      prompt: prompt, opening: builder.programOpening, parameters: parameters, distinctFrom: distinctFrom)
    sampledTokens += proposal.sampledTokens
    decodeSeconds += proposal.decodeSeconds
    entry["sampled_tokens"] = proposal.sampledTokens
    entry["backtracks"] = proposal.backtracks
    entry["attempts"] = proposal.attempts
    entry["seconds"] = proposal.decodeSeconds
    entry["prompt_seconds"] = proposal.promptSeconds
    if refuseCopies { entry["copies_rewritten"] = proposal.copiesRewritten }
    if let failure = proposal.failure { entry["decoding_failure"] = failure }
    return proposal.code
  }

  /// The totals over `count` proposals, as JSON or one line.
  func printSummary(json: Bool, count: Int) throws {
    let tokensPerSecond = decodeSeconds > 0 ? Double(sampledTokens) / decodeSeconds : 0
    let summary: [String: Any] = [
      "proposals": proposals, "constrained": proposer != nil, "model": languageModel.name,
      "valid_fraction": Double(validCount) / Double(count), "novel_fraction": Double(novelCount) / Double(count),
      "tokens_per_second": tokensPerSecond,
    ]
    if json {
      let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(
        "valid \(validCount)/\(count), novel \(novelCount)/\(count), \(String(format: "%.1f", tokensPerSecond)) tokens/s"
      )
    }
  }
}
