import LanguageModels
import XCTest

/// The soft prompt `complete` reads (prompt-tuning hands it over between a search's rounds).
final class EmbeddedSoftPromptTests: XCTestCase {
  func tinyModel() throws -> EmbeddedLanguageModel {
    try EmbeddedLanguageModel(path: try FixtureFiles.path("tiny_llama_q8_0.gguf"), threadCount: 2)
  }

  /// A soft prompt of `length` vectors with values from a fixed pattern.
  func softPrompt(width: Int, length: Int, scale: Float) -> SoftPrompt {
    SoftPrompt(vectors: (0..<(width * length)).map { scale * sin(Float($0) * 0.37) }, width: width)
  }

  func testCompleteReadsTheSoftPromptItHoldsAsGenerateDoes() async throws {
    let model = try tinyModel()
    let width = model.model.configuration.embeddingLength
    let parameters = SamplingParameters(temperature: 0, maxTokens: 12, ignoreEndOfSequence: true)
    let request = CompletionRequest(prompt: "the thing", parameters: parameters)
    XCTAssertNil(model.softPrompt)
    let plain = try await model.complete(request)[0]

    let soft = softPrompt(width: width, length: 4, scale: 2)
    XCTAssertTrue(model.setSoftPrompt(soft))
    XCTAssertEqual(model.softPrompt, soft)
    let tuned = try await model.complete(request)[0]
    let expected = try model.generate(
      promptTokens: model.tokenize("the thing"), parameters: parameters, softPrompt: soft)[0]
    XCTAssertEqual(tuned.tokens, expected.tokens)
    XCTAssertNotEqual(tuned.tokens, plain.tokens, "a soft prompt this large changes the greedy continuation")

    XCTAssertTrue(model.setSoftPrompt(nil))
    let cleared = try await model.complete(request)[0]
    XCTAssertEqual(cleared.tokens, plain.tokens)
  }

  func testASoftPromptOfAnotherWidthIsRefusedAndTheCurrentOneKept() throws {
    let model = try tinyModel()
    let width = model.model.configuration.embeddingLength
    let good = softPrompt(width: width, length: 2, scale: 1)
    XCTAssertTrue(model.setSoftPrompt(good))
    XCTAssertFalse(model.setSoftPrompt(softPrompt(width: width + 1, length: 2, scale: 1)))
    XCTAssertEqual(model.softPrompt, good)
  }
}
