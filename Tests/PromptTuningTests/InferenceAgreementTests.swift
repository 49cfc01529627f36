import EvoTensor
import LanguageModels
import PromptTuning
import XCTest

/// The training forward pass scores completions as the inference runtime does, soft prompt included: the inference
/// path's `SoftPrompt` support (embeddings evaluated at positions 0..<P, then the prompt) is the placement trained.
final class InferenceAgreementTests: XCTestCase {
  func testCompletionNLLMatchesTheInferenceSessionWithAndWithoutSoftPrompt() throws {
    let path = try TuningFixtures.path("tiny_llama_f32.gguf")
    let runtime = try EmbeddedLanguageModel(path: path, threadCount: 1)
    let (model, _) = try TuningFixtures.tinyModel()
    let width = model.configuration.embeddingLength
    var generator = RandomSource(seed: 5)
    let softPrompt = SoftPrompt(vectors: Tensor.randn([3, width], using: &generator).scalars, width: width)
    let prompt = [12, 40, 7, 250, 3, 99]
    let completion = [18, 201, 64, 5]
    for prefix in [nil, softPrompt] {
      let session = runtime.makeSession()
      if let prefix { try session.evaluate(embeddings: prefix.vectors) }
      try session.evaluate(tokens: prompt)
      var total: Float = 0
      for (j, token) in completion.enumerated() {
        total -= EmbeddedLanguageModel.logSoftmax(session.logits, at: token)
        if j + 1 < completion.count { try session.evaluate(tokens: [token]) }
      }
      let inference = total / Float(completion.count)
      let training = try Tensor.withoutGrad {
        try model.completionLoss(
          softPrompt: prefix.map { Tensor($0.vectors, shape: [$0.length, width]) }, promptTokens: prompt,
          completionTokens: completion
        ).item
      }
      // The runtime rounds queries, keys and values to F16 as llama.cpp does; training stays in F32.
      XCTAssertEqual(training, inference, accuracy: 2e-3 * abs(inference), prefix == nil ? "plain" : "soft prompt")
    }
  }
}
