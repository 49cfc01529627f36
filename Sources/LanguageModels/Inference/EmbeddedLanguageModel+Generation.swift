import Foundation

extension EmbeddedLanguageModel {
  /// Generates `sampleCount` continuations of `promptTokens`. The prompt is evaluated once and its KV cache
  /// reused by every sample (and by later requests with the same prompt: `promptSession`). `processor(i)` gives sample `i` its logits hook; `onToken(i, token, text)` is called
  /// after each token with the newly completed text (held back while it could still be the start of a stop
  /// sequence). Generation ends early with `CancellationError` once `cancellation` is cancelled. A `profile`
  /// receives the decoding time of the blocks, the output projection and sampling; `promptProfile` the prompt's.
  public func generate(
    promptTokens: [Int], parameters: SamplingParameters, sampleCount: Int = 1, softPrompt: SoftPrompt? = nil,
    processor: ((Int) -> LogitsProcessor?)? = nil, cancellation: CancellationFlag? = nil,
    profile: ForwardProfile? = nil, promptProfile: ForwardProfile? = nil,
    onToken: ((_ sample: Int, _ token: Int, _ text: String) -> Void)? = nil
  ) throws -> [GenerationResult] {
    let (session, promptSeconds) = try promptSession(
      tokens: promptTokens, softPrompt: softPrompt, profile: promptProfile)
    session.profile = profile
    let promptEnd = session.position
    let promptLogits = session.logits
    let longestStop = parameters.stopSequences.map(\.count).max() ?? 0
    var results: [GenerationResult] = []
    for sample in 0..<sampleCount {
      session.truncate(to: promptEnd)
      var logits = promptLogits
      let hook = processor?(sample)
      var sampler = TokenSampler(
        parameters: parameters, seed: SamplingParameters.sampleSeed(parameters.seed, sample: sample))
      var decoder = UTF8StreamDecoder()
      var generated: [Int] = []
      var text = ""
      var emitted = 0
      var finish = FinishReason.length
      let start = DispatchTime.now().uptimeNanoseconds
      while generated.count < parameters.maxTokens {
        if cancellation?.isCancelled == true { throw CancellationError() }
        let choose = {
          hook?.process(logits: &logits, generated: generated)
          let token = sampler.sample(logits: &logits, history: promptTokens + generated)
          hook?.didSelect(token: token)
          return token
        }
        let token = profile?.time(\.samplingSeconds, choose) ?? choose()
        if !parameters.ignoreEndOfSequence && tokenizer.endOfGenerationIDs.contains(token) {
          finish = .endOfSequence
          break
        }
        generated.append(token)
        text += decoder.append(tokenizer.bytes(of: token))
        if let stop = parameters.stopSequences.compactMap({ text.range(of: $0) }).min(by: {
          $0.lowerBound < $1.lowerBound
        }) {
          text = String(text[..<stop.lowerBound])
          finish = .stopSequence
          break
        }
        let safeEnd = max(emitted, text.count - max(0, longestStop - 1))
        if let onToken {
          let piece = String(text.dropFirst(emitted).prefix(safeEnd - emitted))
          onToken(sample, token, piece)
        }
        emitted = safeEnd
        if generated.count == parameters.maxTokens { break }
        if session.position >= session.maxContext { break }
        try session.evaluate(tokens: [token])
        logits = session.logits
      }
      if finish != .stopSequence { text += decoder.finish() }
      if let onToken, text.count > emitted { onToken(sample, -1, String(text.dropFirst(emitted))) }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      results.append(
        GenerationResult(
          promptTokens: promptTokens, tokens: generated, text: text, finishReason: finish,
          promptSeconds: promptSeconds, decodeSeconds: seconds))
    }
    return results
  }

  /// Runs generation on a thread of its own (not the cooperative pool, which it would block for seconds), after
  /// the current `softPrompt` when one is set; cancelling the calling task stops it at the next token.
  public func complete(_ request: CompletionRequest, onChunk: (@Sendable (CompletionChunk) -> Void)?) async throws
    -> [Completion]
  {
    let softPrompt = softPrompt
    return try await CancellationFlag.runOnDedicatedThread { cancellation in
      let results = try self.generate(
        promptTokens: self.tokenize(request.prompt), parameters: request.parameters,
        sampleCount: request.sampleCount, softPrompt: softPrompt, cancellation: cancellation,
        onToken: { sample, token, text in
          onChunk?(CompletionChunk(sampleIndex: sample, text: text, token: token >= 0 ? token : nil))
        })
      return results.map {
        Completion(
          text: $0.text, tokens: $0.tokens, finishReason: $0.finishReason,
          promptTokenCount: $0.promptTokens.count, tokensPerSecond: $0.tokensPerSecond)
      }
    }
  }
}
