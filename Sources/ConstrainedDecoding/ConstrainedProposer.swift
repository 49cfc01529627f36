import ArchLang
import Foundation
import LanguageModels

/// Samples programs from an embedded model so that they stay valid while it writes: each token must keep the text
/// a viable prefix (`PrefixChecker`), each completed statement is run (`LineVerifier`), and a line that fails is
/// banned and resampled from the model's distribution (KV cache rewound to the line's first token).
public final class ConstrainedProposer {
  /// The model.
  public let model: EmbeddedLanguageModel
  /// The emittable text of every token.
  public let vocabulary: TokenVocabulary
  /// How many allowed candidates each step keeps.
  public var filter = CandidateFilter()
  /// The per-line checks.
  public var verifier = LineVerifier()
  /// Most lines resampled per program before giving up.
  public var maximumBacktracks = 40
  /// Tokens sampled per program, discarded ones included and over all attempts, as a multiple of the kept-token
  /// limit. Up to 6 attempts: measured on 32 MNIST-1D prompts, a proposal that has failed some attempts still
  /// finishes at the next one about a third of the time, and a failed proposal is a lost child.
  public var sampledTokenAllowance = 8
  /// Tokens sampled per attempt, as a multiple of the kept-token limit: an attempt that has not finished by then
  /// has usually wandered into a structure it cannot complete, and a fresh attempt (new seed) does better than
  /// more resampling.
  public var attemptTokenAllowance = 1.25
  /// Classes allowed before `Model`: 0 keeps a program to one class (small models copy a seed's block class
  /// and then cannot use it consistently).
  public var maximumHelperClasses = 0
  /// Whether `Model.__init__` is kept to what the size checks can steer (see `PrefixChecker.steersLayerSizes`). On
  /// by default: a small model gives parameters defaults that fit no layer (`input_size=32768`, `output_size=3`)
  /// and then sizes every layer with them.
  public var steersLayerSizes = true
  /// Told about every rejected line and why (diagnostics).
  public var onRejection: ((_ line: String, _ reason: String) -> Void)?

  /// Rejections of one statement after which the layer it calls is rebuilt instead.
  static let rejectionsBeforeRevisingDefinition = 2
  /// Tokens taken back one at a time (dead ends) per program before whole lines are resampled instead.
  static let maximumTokenBacktracks = 200
  /// Rejections of one line after which the statement before it is resampled too.
  static let rejectionsBeforeRevisingPreviousLine = 4
  /// Copies of a `distinctFrom` program rewritten per attempt before the attempt gives up (a fresh one follows).
  static let maximumCopyRewrites = 6

  /// The index in `lines` of the `__init__` line that assigned the last `self.name` the failing `line` calls.
  static func definitionToRevise(for line: CommittedLine, among lines: [CommittedLine]) -> Int? {
    guard line.functionName == "forward" else { return nil }
    var called: [String] = []
    var remaining = line.text[...]
    while let range = remaining.range(of: "self.") {
      let name = remaining[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      let after = remaining[range.upperBound...].dropFirst(name.count)
      if after.first == "(" { called.append(String(name)) }
      remaining = after
    }
    guard let attribute = called.last else { return nil }
    return lines.lastIndex {
      $0.className == line.className && $0.functionName == "__init__" && $0.targets.contains("self." + attribute)
    }
  }

  /// Prepares constrained sampling with `model` (the vocabulary is decoded once per process).
  public init(model: EmbeddedLanguageModel) {
    self.model = model
    vocabulary = TokenVocabulary.shared(for: model.tokenizer)
  }

  /// Samples one program continuing `prompt`, which must end with `opening` (whole lines, e.g. the imports of
  /// `PromptBuilder.programOpening`). Uses `parameters`' temperature, top-p, seed and `maxTokens` (tokens the
  /// program may keep; `sampledTokenAllowance` times as many may be sampled); stop sequences are not needed, the
  /// program ends at `Model.forward`'s return.
  /// A `softPrompt` (prompt-tuning's learned vectors) is read before the prompt's tokens. A program that would
  /// finish computing what a program of `distinctFrom` computes (its function fingerprint is there) is not
  /// finished: one of its layers is rewritten instead (`ProposalDecoder.rewriteCopy`).
  public func propose(
    prompt: String, opening: String, parameters: SamplingParameters, softPrompt: SoftPrompt? = nil,
    distinctFrom: [String: String] = [:]
  ) throws -> ConstrainedProposal {
    var decoder = try ProposalDecoder(
      proposer: self, prompt: prompt, opening: opening, parameters: parameters, softPrompt: softPrompt,
      distinctFrom: distinctFrom)
    let start = DispatchTime.now().uptimeNanoseconds
    try decoder.runAttempt()
    while !decoder.finished && decoder.canAttemptAgain {
      decoder.startFreshAttempt()
      try decoder.runAttempt()
    }
    var failure = decoder.attempt.failure
    if let reason = failure, decoder.attempts > 1 { failure = "\(decoder.attempts) attempts; the last: \(reason)" }
    // When nothing but a copy was finished, the copy is the proposal: the search records it as a copy of the
    // program it repeats, which says what the model wrote, where an unfinished program would only say it failed.
    let copy = decoder.finished ? nil : decoder.refusedCopy
    return ConstrainedProposal(
      code: opening + String(decoding: copy?.text ?? decoder.attempt.text, as: UTF8.self),
      finished: decoder.finished || copy != nil, failure: copy == nil ? failure : nil,
      sampledTokens: decoder.sampled, programTokens: copy?.tokens ?? decoder.attempt.tokens.count,
      backtracks: decoder.backtracks, attempts: decoder.attempts,
      decodeSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, promptSeconds: decoder.promptSeconds,
      functionFingerprint: copy?.fingerprint ?? (decoder.finished ? decoder.attempt.functionFingerprint : nil),
      copiesRewritten: decoder.copiesRewritten)
  }
}
