import LanguageModels
import XCTest

/// The real default model against llama.cpp: tokenisation and greedy predictions. Skipped when the model file is
/// not installed (`evoprompting models fetch smollm2`).
final class SmolLM2Tests: XCTestCase {
  /// Shared across tests: loading maps the file, cheap, but tokenizer tables take a moment to build.
  nonisolated(unsafe) static var loaded: EmbeddedLanguageModel?

  func model() throws -> EmbeddedLanguageModel {
    if let loaded = SmolLM2Tests.loaded { return loaded }
    let model = try EmbeddedLanguageModel(path: try FixtureFiles.smolLM2(), threadCount: 2, maxContext: 512)
    SmolLM2Tests.loaded = model
    return model
  }

  /// Every case of both reference files: prompt, llama.cpp's prompt tokens, greedy tokens and top-2 gaps if any.
  func cases() throws -> [[String: Any]] {
    let shared = try XCTUnwrap(try FixtureFiles.json("smollm2_llamacpp_reference.json")["cases"] as? [[String: Any]])
    let own = try XCTUnwrap(try FixtureFiles.json("smollm2_tokenization_llamacpp.json")["cases"] as? [[String: Any]])
    return shared + own
  }

  func testMetadataOfTheDefaultModel() throws {
    let model = try model()
    let c = model.model.configuration
    XCTAssertEqual(c.architecture, "llama")
    XCTAssertEqual(c.blockCount, 30)
    XCTAssertEqual(c.embeddingLength, 576)
    XCTAssertEqual(c.headCount, 9)
    XCTAssertEqual(c.keyValueHeadCount, 3)
    XCTAssertEqual(c.vocabularySize, 49152)
    XCTAssertEqual(model.tokenizer.kind, .byteLevelBPE(.smollm))
    XCTAssertFalse(model.tokenizer.addsBOS)
    XCTAssertTrue(model.tokenizer.endOfGenerationIDs.contains(2))
  }

  func testTokenizationMatchesLlamaCpp() throws {
    let model = try model()
    for testCase in try cases() {
      let prompt = try XCTUnwrap(testCase["prompt"] as? String)
      let expected = try XCTUnwrap(testCase["prompt_tokens"] as? [Int])
      XCTAssertEqual(model.tokenize(prompt), expected, prompt.debugDescription)
      XCTAssertEqual(model.tokenizer.decode(expected, includeSpecial: true), prompt)
    }
  }

  func testGreedyPredictionsMatchLlamaCppWhereTheyAreNotTies() throws {
    let model = try model()
    var checked = 0
    for testCase in try cases() {
      guard let greedy = testCase["greedy_tokens"] as? [Int], let gaps = testCase["top2_margins"] as? [Double] else {
        continue
      }
      let prompt = try XCTUnwrap(testCase["prompt"] as? String)
      let score = try model.score(prompt: prompt, continuation: greedy)
      for (step, gap) in gaps.enumerated() where gap >= 0.25 {
        XCTAssertEqual(score.argmax[step], greedy[step], "\(prompt.debugDescription) step \(step), gap \(gap)")
        checked += 1
      }
      XCTAssertTrue(score.logProbabilities.allSatisfy { $0 <= 0 && $0.isFinite })
    }
    XCTAssertGreaterThan(checked, 100)
  }

  func testLogProbabilitiesMatchLlamaCppClosely() throws {
    let model = try model()
    let own = try FixtureFiles.json("smollm2_tokenization_llamacpp.json")
    let shared = try XCTUnwrap(try FixtureFiles.json("smollm2_llamacpp_reference.json")["cases"] as? [[String: Any]])
    let sharedLogProbabilities = try XCTUnwrap(own["shared_reference_logprobs"] as? [[Double]])
    var cases = zip(shared, sharedLogProbabilities).map { ($0.0, $0.1) }
    for testCase in try XCTUnwrap(own["cases"] as? [[String: Any]]) {
      if let logProbabilities = testCase["logprobs"] as? [Double] { cases.append((testCase, logProbabilities)) }
    }
    XCTAssertEqual(cases.count, 5)
    for (testCase, expected) in cases {
      let prompt = try XCTUnwrap(testCase["prompt"] as? String)
      let greedy = try XCTUnwrap(testCase["greedy_tokens"] as? [Int])
      let score = try model.score(prompt: prompt, continuation: greedy)
      let worst = zip(score.logProbabilities, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
      // The runtime reproduces llama.cpp's arithmetic (see GGMLMath); ~1e-7 is measured, 1e-4 leaves room.
      XCTAssertLessThan(worst, 1e-4, prompt.debugDescription)
      XCTAssertEqual(score.argmax, greedy, prompt.debugDescription)
    }
  }

  func testGreedyGenerationStreamsAndStopsAtStopSequences() throws {
    let model = try model()
    let prompt = model.tokenize("def fibonacci(n):\n")
    var streamed = ""
    let result = try model.generate(
      promptTokens: prompt, parameters: SamplingParameters(temperature: 0, maxTokens: 40, stopSequences: ["return"]),
      onToken: { _, _, text in streamed += text })[0]
    XCTAssertEqual(result.finishReason, .stopSequence)
    XCTAssertFalse(result.text.contains("return"))
    XCTAssertEqual(streamed, result.text)
    XCTAssertTrue(result.text.hasPrefix("\ndef fibonacci(n):\n"), result.text)
    XCTAssertGreaterThan(result.tokensPerSecond, 0)
  }

  func testSamplesAreReproducibleAndShareThePrompt() async throws {
    let model = try model()
    let request = CompletionRequest(
      prompt: "<|im_start|>user\nName a colour.<|im_end|>\n<|im_start|>assistant\n", sampleCount: 3,
      parameters: SamplingParameters(temperature: 1.0, topK: 40, topP: 0.95, seed: 7, maxTokens: 12))
    let first = try await model.complete(request)
    let second = try await model.complete(request)
    XCTAssertEqual(first.count, 3)
    XCTAssertEqual(first.map(\.tokens), second.map(\.tokens))
    XCTAssertEqual(first.map(\.text), second.map(\.text))
    XCTAssertEqual(Set(first.map(\.tokens)).count, 3, "different samples should differ")
    XCTAssertTrue(first.allSatisfy { !$0.tokens.isEmpty && $0.tokens.count <= 12 })
  }

  func testAsyncStreamDeliversTheWholeText() async throws {
    let model = try model()
    let request = CompletionRequest(
      prompt: "The capital of France is", parameters: SamplingParameters(temperature: 0, maxTokens: 8))
    var text = ""
    for try await chunk in model.stream(request) { text += chunk.text }
    let completion = try await model.complete(request)
    XCTAssertEqual(text, completion[0].text)
    XCTAssertTrue(text.contains("Paris"), text)
  }

  func testLogitsProcessorCanForbidTokens() throws {
    /// Forbids every token except the digits 0-9 (ids of "0"…"9" in this vocabulary).
    final class DigitsOnly: LogitsProcessor {
      let allowed: Set<Int>
      var seen: [Int] = []
      init(allowed: Set<Int>) { self.allowed = allowed }
      func process(logits: inout [Float], generated: [Int]) {
        for i in logits.indices where !allowed.contains(i) { logits[i] = -.infinity }
      }
      func didSelect(token: Int) { seen.append(token) }
    }
    let model = try model()
    let digits = Set((0...9).compactMap { model.tokenizer.id(of: String($0)) })
    XCTAssertEqual(digits.count, 10)
    let processor = DigitsOnly(allowed: digits)
    let result = try model.generate(
      promptTokens: model.tokenize("Write a poem about the sea."),
      parameters: SamplingParameters(temperature: 0.8, seed: 3, maxTokens: 6), processor: { _ in processor })[0]
    XCTAssertEqual(result.tokens.count, 6)
    XCTAssertTrue(result.tokens.allSatisfy(digits.contains))
    XCTAssertEqual(processor.seen, result.tokens)
  }

  func testSoftPromptChangesThePrediction() throws {
    let model = try model()
    let width = model.model.configuration.embeddingLength
    let tokens = model.tokenize("The capital of France is")
    let plain = try model.nextTokenLogits(after: tokens)
    // A soft prompt made of the embeddings of real tokens equals having those tokens in front.
    let prefix = model.tokenize("Question:")
    var vectors: [Float] = []
    let session = model.makeSession()
    for token in prefix { vectors += try session.embedding(of: token) }
    let soft = try model.nextTokenLogits(after: tokens, softPrompt: SoftPrompt(vectors: vectors, width: width))
    let hard = try model.nextTokenLogits(after: prefix + tokens)
    XCTAssertEqual(soft, hard)
    XCTAssertNotEqual(soft, plain)
  }
}
