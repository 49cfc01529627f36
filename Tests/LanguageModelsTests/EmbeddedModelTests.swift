import LanguageModels
import XCTest

/// The embedded backend's API on a tiny fixture model (always runs, no real model needed).
final class EmbeddedModelTests: XCTestCase {
  func tinyModel() throws -> EmbeddedLanguageModel {
    try EmbeddedLanguageModel(path: try FixtureFiles.path("tiny_llama_q8_0.gguf"), threadCount: 2)
  }

  func testCompleteHonoursMaxTokensAndReportsThePrompt() async throws {
    let model = try tinyModel()
    let request = CompletionRequest(
      prompt: "<|im_start|>the thing", sampleCount: 2,
      parameters: SamplingParameters(temperature: 0.9, seed: 5, maxTokens: 10, ignoreEndOfSequence: true))
    let completions = try await model.complete(request)
    XCTAssertEqual(completions.count, 2)
    for completion in completions {
      XCTAssertEqual(completion.tokens.count, 10)
      XCTAssertEqual(completion.finishReason, .length)
      XCTAssertEqual(completion.promptTokenCount, model.tokenize("<|im_start|>the thing").count)
    }
  }

  func testCancellationStopsGeneration() throws {
    /// Cancels the flag after three tokens.
    final class CancelAfterThree: LogitsProcessor {
      let flag: CancellationFlag
      var count = 0
      init(flag: CancellationFlag) { self.flag = flag }
      func process(logits: inout [Float], generated: [Int]) {}
      func didSelect(token: Int) {
        count += 1
        if count == 3 { flag.cancel() }
      }
    }
    let model = try tinyModel()
    let flag = CancellationFlag()
    let processor = CancelAfterThree(flag: flag)
    XCTAssertThrowsError(
      try model.generate(
        promptTokens: [1, 2, 3],
        parameters: SamplingParameters(temperature: 0, maxTokens: 100, ignoreEndOfSequence: true),
        processor: { _ in processor }, cancellation: flag)
    ) { error in XCTAssertTrue(error is CancellationError, "\(error)") }
    XCTAssertEqual(processor.count, 3)
  }

  func testScoreAgreesWithNextTokenLogits() throws {
    let model = try tinyModel()
    let prompt = "the thing"
    let continuation = [104, 101, 32]
    let score = try model.score(prompt: prompt, continuation: continuation)
    var tokens = model.tokenize(prompt)
    for (j, token) in continuation.enumerated() {
      let logits = try model.nextTokenLogits(after: tokens)
      XCTAssertEqual(score.argmax[j], TokenSampler.argmax(logits))
      // `score` feeds the continuation token by token, `nextTokenLogits` as one batch: float-order close.
      XCTAssertEqual(score.logProbabilities[j], EmbeddedLanguageModel.logSoftmax(logits, at: token), accuracy: 1e-3)
      tokens.append(token)
    }
  }
}
