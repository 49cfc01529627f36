import ArchLang
import EvoTensor
import Foundation
import LanguageModels
import Sessions

// Sampling: the round's prompts and the language model's replies, recorded as candidates.
extension SearchRun {
  /// Builds the round's prompts (reusing recorded ones) and asks for the samples not yet received.
  func sample(round: Int) async throws {
    var generator = RandomSource(seed: settings.seed &+ UInt64(round) &* 0x9E37_79B9)
    for index in 0..<settings.effectivePromptsPerRound {
      // Draws happen for every prompt, recorded or not, so a resumed round draws the same parents.
      let (parentIDs, temperature, style) = promptPlan(index: index, using: &generator)
      let prompt: PromptBuilt
      if let recorded = state.prompts(ofRound: round).first(where: { $0.index == index }) {
        prompt = recorded
      } else {
        let parents = parentIDs.compactMap { state.candidates[$0] }.map {
          (
            code: $0.code,
            metrics: ParentMetrics(params: $0.params ?? 0, validationAccuracy: $0.validationAccuracy ?? 0)
          )
        }
        prompt = PromptBuilt(
          round: round, index: index, parents: parentIDs,
          text: components.promptBuilder.prompt(parents: parents, style: style),
          temperature: temperature, samples: settings.samplesPerPrompt)
        try record(.promptBuilt(prompt))
      }
      try await requestMissingSamples(of: prompt)
    }
  }

  /// The parents, temperature and style of prompt `index`: the paper's draw, then the levers that change it (an
  /// edit shows one of the drawn parents; a shrink prompt, at evenly spread indices, one small model of the front).
  private func promptPlan(index: Int, using generator: inout RandomSource)
    -> (parents: [String], temperature: Float, style: PromptStyle)
  {
    var parentIDs = ParentSelection.drawPrompt(
      parents: promptParentPool(), k: settings.parentsPerPrompt, using: &generator)
    let temperature = settings.temperatures[generator.nextInt(below: settings.temperatures.count)]
    var style: PromptStyle = settings.noveltyPrompt ? .novelty : .paper
    if settings.editFraction > 0 {
      let roll = generator.nextUnitFloat()
      let part = PromptBuilder.editParts[generator.nextInt(below: PromptBuilder.editParts.count)]
      if roll < settings.editFraction {
        style = .edit(part: part)
        parentIDs = Array(parentIDs.prefix(1))
      }
    }
    let share = settings.shrinkFraction
    if Int(Float(index + 1) * share) > Int(Float(index) * share),
      let parent = parentSelection.shrinkParent(from: state, using: &generator)
    {
      (parentIDs, style) = ([parent], .shrink)
    }
    return (parentIDs, temperature, style)
  }

  /// Asks for the replies `prompt` still lacks; with `resample_duplicates`, also for replacements of replies that
  /// are exact copies of an earlier candidate (checked as they arrive), up to that many extra. With
  /// `refuse_copies`, the replies so far are checked first, and the request names what every candidate checked
  /// computes, for constrained decoding to write something else.
  private func requestMissingSamples(of prompt: PromptBuilt) async throws {
    let (round, index) = (prompt.round, prompt.index)
    if settings.refuseCopies { try await validatePending(round: round) }
    let extractor = CodeExtractor(
      programOpening: components.promptBuilder.programOpening,
      parentPrograms: prompt.parents.compactMap { state.candidates[$0]?.code },
      modelClassName: components.promptBuilder.modelClassName)
    while true {
      let received = state.proposals(round: round, prompt: index)
      let copies = received.filter { $0.status == .duplicate }.count
      let missing = prompt.samples + min(copies, settings.resampleDuplicates) - received.count
      if missing <= 0 { return }
      // A pause asks for no new requests; the prompts recorded so far are asked again on resume.
      if pauseRequested { return }
      // Starting the request at the first missing sample's seed makes a resumed prompt draw the samples an
      // uninterrupted run would have drawn.
      let seed = SamplingParameters.sampleSeed(settings.seed &+ UInt64(round * 1000 + index), sample: received.count)
      let request = CompletionRequest(
        prompt: prompt.text, sampleCount: missing,
        parameters: SamplingParameters(
          temperature: prompt.temperature, topP: 0.95, seed: seed, maxTokens: settings.maxTokens,
          stopSequences: PromptBuilder.stopSequences),
        distinctFrom: settings.refuseCopies ? state.fingerprints : [:])
      guard let completions = try await complete(request, round: round, prompt: index, received: received.count) else {
        if pauseRequested { return }
        continue
      }
      for (offset, completion) in completions.enumerated() {
        try recordProposal(
          completion.text, extraction: extractor.extraction(from: completion.text), prompt: prompt,
          sampleIndex: received.count + offset)
      }
      if settings.resampleDuplicates == 0 { return }
      try await validatePending(round: round)
    }
  }

  /// Records one reply as a candidate, with what extraction carried in, or its rejection when it holds no program.
  private func recordProposal(
    _ text: String, extraction: ProgramExtraction, prompt: PromptBuilt, sampleIndex: Int
  ) throws {
    let id = nextCandidateID()
    try record(
      .candidateProposed(
        CandidateProposed(
          id: id, round: prompt.round, origin: .proposal, parents: prompt.parents, code: extraction.code ?? "",
          rawText: text, promptIndex: prompt.index, sampleIndex: sampleIndex, temperature: prompt.temperature,
          constrained: components.constrained,
          carried: extraction.carried.isEmpty ? nil : extraction.carried.map(\.name))))
    if extraction.code == nil {
      let failure = extraction.failure ?? ExtractionFailure("the reply contains no program")
      try record(
        .proposalRejected(
          ProposalRejected(
            id: id, kind: .noCode, reason: failure.message, line: failure.line, column: failure.column)))
    }
  }

  /// Asks the language model for `request`'s samples, recording each retry as it happens. Returns nil when the
  /// run is pausing (no retry was started) or when the reply could not be used: then the missing samples are
  /// recorded as failed proposals, with the reason, and the search goes on. Other failures (a wrong key, URL or
  /// model fails every request alike) stop the run, which `resume` continues.
  private func complete(_ request: CompletionRequest, round: Int, prompt index: Int, received: Int) async throws
    -> [Completion]?
  {
    let control = RetryControl { [weak self] notice in
      try? await self?.record(
        .languageModelRetried(
          LanguageModelRetried(
            round: round, promptIndex: index, attempt: notice.failedAttempt, maxAttempts: notice.maxAttempts,
            delaySeconds: notice.delaySeconds, reason: notice.reason)))
    }
    retryControl = control
    defer { retryControl = nil }
    let stream = streamObserver
    let model = components.languageModel
    do {
      return try await RetryControl.$current.withValue(control) {
        try await model.complete(request) { chunk in stream?(round, index, chunk) }
      }
    } catch HTTPBackendError.stopped where pauseRequested {
      return nil
    } catch let error as HTTPBackendError where error.isReplyFailure {
      let prompt = state.prompts(ofRound: round).first { $0.index == index }
      for offset in 0..<request.sampleCount {
        let id = nextCandidateID()
        try record(
          .candidateProposed(
            CandidateProposed(
              id: id, round: round, origin: .proposal, parents: prompt?.parents ?? [], code: "", rawText: "",
              promptIndex: index, sampleIndex: received + offset, temperature: prompt?.temperature,
              constrained: components.constrained)))
        try record(
          .proposalRejected(
            ProposalRejected(
              id: id, kind: .languageModel, reason: "the language model's reply could not be used: \(error)")))
      }
      return nil
    } catch {
      throw SearchError.languageModel(round: round, prompt: index, detail: "\(error)")
    }
  }

  /// The candidates prompts draw parents from: the current parents, or (random-parents ablation) every evaluated one.
  private func promptParentPool() -> [String] {
    settings.naiveFewShot
      ? state.orderedCandidates.filter { $0.origin == .seed && $0.status == .evaluated }.map(\.id) : state.parents
  }

  func nextCandidateID() -> String {
    "c\(state.orderedCandidates.filter { $0.origin != .seed }.count + 1)"
  }
}
