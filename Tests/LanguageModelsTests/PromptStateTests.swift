import LanguageModels
import XCTest

/// The state after a prompt, copied into other sessions: samples of one prompt continue from one evaluation.
final class PromptStateTests: XCTestCase {
  func testARestoredStateContinuesBitIdenticallyToTheOriginal() throws {
    for name in ["tiny_qwen2_f32", "tiny_llama_q4_0"] {
      let model = try LlamaModel(path: try FixtureFiles.path(name + ".gguf"), threadCount: 1)
      let vocabulary = model.configuration.vocabularySize
      let prompt = (0..<13).map { ($0 * 37 + 5) % vocabulary }
      let original = InferenceSession(model: model, maxContext: 64)
      try original.evaluate(tokens: prompt)
      let state = original.snapshot()
      XCTAssertEqual(state.positionCount, prompt.count)
      XCTAssertEqual(state.logits, original.logits)
      let copy = InferenceSession(model: model, maxContext: 64)
      try copy.evaluate(tokens: [1, 2, 3])  // whatever it held is replaced
      try copy.restore(state)
      XCTAssertEqual(copy.position, prompt.count)
      XCTAssertEqual(copy.logits, original.logits)
      for token in [7, 11, 2] {
        try original.evaluate(tokens: [token])
        try copy.evaluate(tokens: [token])
        XCTAssertEqual(copy.logits.map(\.bitPattern), original.logits.map(\.bitPattern), name)
      }
    }
  }

  func testARestoreLargerThanTheContextIsAnError() throws {
    let model = try LlamaModel(path: try FixtureFiles.path("tiny_qwen2_f32.gguf"), threadCount: 1)
    let long = InferenceSession(model: model, maxContext: 64)
    try long.evaluate(tokens: Array(repeating: 3, count: 40))
    let short = InferenceSession(model: model, maxContext: 32)
    XCTAssertThrowsError(try short.restore(long.snapshot()))
  }

  func testSamplesOfAPromptAreTheSameWhetherItIsCachedOrNot() throws {
    let path = try FixtureFiles.path("tiny_qwen2_f32.gguf")
    let parameters = SamplingParameters(temperature: 0.9, seed: 4, maxTokens: 6)
    let cached = try EmbeddedLanguageModel(path: path, threadCount: 1, maxContext: 64)
    let prompt = cached.tokenize("the thing in a thing")
    let first = try cached.generate(promptTokens: prompt, parameters: parameters, sampleCount: 2)
    let (session, _) = try cached.promptSession(tokens: prompt)
    XCTAssertEqual(session.position, prompt.count, "the second request starts from the cached state")
    let second = try cached.generate(promptTokens: prompt, parameters: parameters, sampleCount: 2)
    let fresh = try EmbeddedLanguageModel(path: path, threadCount: 1, maxContext: 64)
    let uncached = try fresh.generate(promptTokens: prompt, parameters: parameters, sampleCount: 2)
    XCTAssertEqual(first.map(\.tokens), second.map(\.tokens))
    XCTAssertEqual(first.map(\.tokens), uncached.map(\.tokens))
  }

  func testASoftPromptIsPartOfThePromptsIdentity() throws {
    let model = try EmbeddedLanguageModel(
      path: try FixtureFiles.path("tiny_qwen2_f32.gguf"), threadCount: 1, maxContext: 64)
    let width = model.model.configuration.embeddingLength
    let prompt = model.tokenize("the thing")
    let plain = try model.promptSession(tokens: prompt).session.logits
    let soft = SoftPrompt(vectors: (0..<(2 * width)).map { Float($0 % 7) * 0.1 }, width: width)
    let withSoft = try model.promptSession(tokens: prompt, softPrompt: soft).session
    XCTAssertEqual(withSoft.position, prompt.count + 2)
    XCTAssertNotEqual(withSoft.logits, plain)
    XCTAssertEqual(try model.promptSession(tokens: prompt, softPrompt: soft).session.logits, withSoft.logits)
  }
}
