import LanguageModels
import XCTest

/// Tokenisation and logits of the tiny fixture models against llama.cpp's (`tiny_models_llamacpp.json`).
final class TinyModelTests: XCTestCase {
  static let models = [
    "tiny_llama_f32", "tiny_llama_f16", "tiny_llama_bf16", "tiny_llama_q8_0", "tiny_llama_q4_0", "tiny_llama_q4_1",
    "tiny_qwen2_f32",
  ]

  func reference(_ model: String) throws -> [String: Any] {
    try XCTUnwrap(try FixtureFiles.json("tiny_models_llamacpp.json")[model] as? [String: Any])
  }

  func testTokenizationMatchesLlamaCpp() throws {
    for name in TinyModelTests.models {
      let tokenizer = try Tokenizer(file: try GGUFFile(path: try FixtureFiles.path(name + ".gguf")))
      let expected = try XCTUnwrap(try reference(name)["tokenization"] as? [String: [Int]])
      for (text, ids) in expected {
        XCTAssertEqual(tokenizer.encode(text, addBOS: false), ids, "\(name): \(text.debugDescription)")
      }
    }
  }

  func testTokenizerKindsAndPreTokenizersComeFromMetadata() throws {
    let kinds = try TinyModelTests.models.map {
      try Tokenizer(file: try GGUFFile(path: try FixtureFiles.path($0 + ".gguf"))).kind
    }
    XCTAssertEqual(
      kinds,
      [
        .byteLevelBPE(.smollm), .byteLevelBPE(.smollm), .byteLevelBPE(.smollm), .byteLevelBPE(.llama3),
        .byteLevelBPE(.qwen2), .sentencePiece, .byteLevelBPE(.smollm),
      ])
  }

  func testDecodingInvertsEncoding() throws {
    for name in TinyModelTests.models {
      let tokenizer = try Tokenizer(file: try GGUFFile(path: try FixtureFiles.path(name + ".gguf")))
      for text in ["héllo wörld 123 ✓", "a\tb\n\n c 中文 🚀"] {
        let decoded = tokenizer.decode(tokenizer.encode(text, addBOS: false))
        // SentencePiece adds one leading space.
        XCTAssertEqual(tokenizer.kind == .sentencePiece ? String(decoded.dropFirst()) : decoded, text, name)
      }
    }
  }

  func testSentencePieceAddsBOSWhenTheFileAsks() throws {
    let tokenizer = try Tokenizer(file: try GGUFFile(path: try FixtureFiles.path("tiny_llama_q4_1.gguf")))
    XCTAssertTrue(tokenizer.addsBOS)
    XCTAssertEqual(tokenizer.encode("the").first, tokenizer.bosTokenID)
  }

  func testLogitsMatchLlamaCpp() throws {
    for name in TinyModelTests.models {
      let reference = try reference(name)
      let tokens = try XCTUnwrap(reference["tokens"] as? [Int])
      let logitsByPosition = try XCTUnwrap(reference["logits"] as? [String: [Double]])
      let model = try LlamaModel(path: try FixtureFiles.path(name + ".gguf"), threadCount: 1)
      let session = InferenceSession(model: model, maxContext: 64)
      let rows = try session.evaluateAll(tokens: tokens)
      for (position, expected) in logitsByPosition {
        let actual = rows[try XCTUnwrap(Int(position))]
        let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
        XCTAssertLessThan(worst, 1e-4, "\(name) position \(position): largest logit difference \(worst)")
      }
    }
  }

  func testBatchAndTokenByTokenEvaluationAgree() throws {
    // Like llama.cpp, a batch sums attention products in another order than single tokens: close, not identical.
    let model = try LlamaModel(path: try FixtureFiles.path("tiny_llama_q4_1.gguf"), threadCount: 2)
    let tokens = [5, 77, 260, 9, 100, 31, 42, 8]
    let batch = InferenceSession(model: model, maxContext: 32)
    try batch.evaluate(tokens: tokens)
    let stepwise = InferenceSession(model: model, maxContext: 32)
    for token in tokens { try stepwise.evaluate(tokens: [token]) }
    let worst = zip(batch.logits, stepwise.logits).map { abs($0 - $1) }.max() ?? .infinity
    XCTAssertLessThan(worst, 1e-3)
    XCTAssertEqual(batch.position, tokens.count)
  }

  func testContextOverflowIsAnError() throws {
    let model = try LlamaModel(path: try FixtureFiles.path("tiny_llama_f32.gguf"), threadCount: 1)
    let session = InferenceSession(model: model, maxContext: 4)
    XCTAssertThrowsError(try session.evaluate(tokens: [1, 2, 3, 4, 5]))
    XCTAssertThrowsError(try session.evaluate(tokens: [100_000]))
  }

  func testConfigurationReadsArchitectureDetails() throws {
    let llama = try LlamaModel(path: try FixtureFiles.path("tiny_llama_f32.gguf"))
    XCTAssertEqual(llama.configuration.ropeStyle, .adjacentPairs)
    XCTAssertEqual(llama.configuration.keyValueHeadCount, 2)
    XCTAssertNil(llama.blocks[0].queryBias)
    let qwen = try LlamaModel(path: try FixtureFiles.path("tiny_qwen2_f32.gguf"))
    XCTAssertEqual(qwen.configuration.ropeStyle, .splitHalves)
    XCTAssertNotNil(qwen.blocks[1].keyBias)
    XCTAssertEqual(qwen.output.rows, qwen.configuration.vocabularySize)
  }
}
