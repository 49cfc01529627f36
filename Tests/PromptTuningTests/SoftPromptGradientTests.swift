import EvoTensor
import LanguageModels
import PromptTuning
import XCTest

/// The gradient of the completion loss with respect to the soft prompt, against finite differences and PyTorch.
final class SoftPromptGradientTests: XCTestCase {
  /// Loss of the tiny model for soft prompt `values` (`[length, width]`), no graph recorded.
  private func loss(_ model: TunableLlama, _ values: [Float], length: Int, prompt: [Int], completion: [Int]) throws
    -> Float
  {
    try Tensor.withoutGrad {
      try model.completionLoss(
        softPrompt: Tensor(values, shape: [length, model.configuration.embeddingLength]), promptTokens: prompt,
        completionTokens: completion
      ).item
    }
  }

  func testGradientMatchesCentralDifferences() throws {
    let (model, _) = try TuningFixtures.tinyModel()
    let width = model.configuration.embeddingLength
    let length = 3
    var generator = RandomSource(seed: 11)
    let values = Tensor.randn([length, width], using: &generator).scalars.map { $0 * 0.5 }
    let prompt = [5, 17, 42, 99, 180]
    let completion = [7, 64, 200, 3]
    let parameter = Tensor(values, shape: [length, width], requiresGrad: true)
    try model.completionLoss(softPrompt: parameter, promptTokens: prompt, completionTokens: completion).backward()
    let gradient = try XCTUnwrap(parameter.grad).scalars

    // Coordinates spread over every virtual token, plus one random direction through all of them.
    let step: Float = 1e-2
    for index in stride(from: 0, to: length * width, by: 13) {
      var plus = values
      var minus = values
      plus[index] += step
      minus[index] -= step
      let numeric =
        (try loss(model, plus, length: length, prompt: prompt, completion: completion)
          - loss(model, minus, length: length, prompt: prompt, completion: completion)) / (2 * step)
      XCTAssertEqual(gradient[index], numeric, accuracy: 2e-3 + 2e-2 * abs(numeric), "coordinate \(index)")
    }
    let direction = Tensor.randn([length * width], using: &generator).scalars
    let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let unit = direction.map { $0 / norm }
    let plus = zip(values, unit).map { $0 + step * $1 }
    let minus = zip(values, unit).map { $0 - step * $1 }
    let numeric =
      (try loss(model, plus, length: length, prompt: prompt, completion: completion)
        - loss(model, minus, length: length, prompt: prompt, completion: completion)) / (2 * step)
    let analytic = zip(gradient, unit).reduce(0) { $0 + $1.0 * $1.1 }
    XCTAssertEqual(analytic, numeric, accuracy: 2e-3 + 1e-2 * abs(numeric))
  }

  func testLossAndGradientMatchPyTorch() throws {
    try checkAgainstReference(TuningFixtures.torchCases())
  }

  /// The qwen2 forward (q/k/v biases, RoPE on split halves, a separate output matrix) against an independent
  /// float64 NumPy forward pass whose gradient is taken by central differences
  /// (`scripts/make_tuning_fixtures.py qwen2-gradients`).
  func testQwen2LossAndGradientMatchAFloat64Reference() throws {
    let cases = try TuningFixtures.torchCases("soft_prompt_gradients_qwen2.json")
    XCTAssertEqual(cases.map(\.model), ["tiny_qwen2_f32.gguf"])
    let (model, _) = try TuningFixtures.tinyModel("tiny_qwen2_f32.gguf")
    XCTAssertEqual(model.configuration.ropeStyle, .splitHalves)
    XCTAssertNotNil(model.blocks[0].queryBias)
    XCTAssertFalse(model.output === model.tokenEmbedding, "qwen2 here has an output matrix of its own")
    try checkAgainstReference(cases)
  }

  private func checkAgainstReference(_ references: [TuningFixtures.TorchCase]) throws {
    for reference in references {
      let (model, _) = try TuningFixtures.tinyModel(reference.model)
      let width = model.configuration.embeddingLength
      let parameter = Tensor(reference.softPrompt, shape: [reference.promptLength, width], requiresGrad: true)
      let loss = try model.completionLoss(
        softPrompt: parameter, promptTokens: reference.promptTokens, completionTokens: reference.completionTokens)
      XCTAssertEqual(Double(loss.item), reference.loss, accuracy: 1e-4 * abs(reference.loss), reference.model)
      loss.backward()
      let gradient = try XCTUnwrap(parameter.grad).scalars
      let scale = reference.gradient.map(abs).max() ?? 1
      var worst: Double = 0
      for (mine, theirs) in zip(gradient, reference.gradient) { worst = max(worst, abs(Double(mine) - theirs)) }
      XCTAssertLessThan(worst, 1e-4 * scale, "\(reference.model): worst gradient difference \(worst), scale \(scale)")

      let plain = try Tensor.withoutGrad {
        try model.completionLoss(
          softPrompt: nil, promptTokens: reference.promptTokens, completionTokens: reference.completionTokens)
      }
      XCTAssertEqual(
        Double(plain.item), reference.lossWithoutSoftPrompt, accuracy: 1e-4 * abs(reference.lossWithoutSoftPrompt))
    }
  }

  func testOnlyTheSoftPromptReceivesAGradient() throws {
    let (model, _) = try TuningFixtures.tinyModel()
    let parameter = Tensor.zeros([2, model.configuration.embeddingLength], requiresGrad: true)
    try model.completionLoss(softPrompt: parameter, promptTokens: [1, 2], completionTokens: [3, 4]).backward()
    XCTAssertNotNil(parameter.grad)
    XCTAssertNil(model.tokenEmbedding.grad)
    XCTAssertFalse(model.blocks[0].query.requiresGrad)
  }

  func testRejectsEmptyCompletionAndWrongWidth() throws {
    let (model, _) = try TuningFixtures.tinyModel()
    XCTAssertThrowsError(try model.completionLoss(softPrompt: nil, promptTokens: [1], completionTokens: []))
    XCTAssertThrowsError(
      try model.completionLoss(softPrompt: Tensor.zeros([2, 5]), promptTokens: [1], completionTokens: [2]))
    XCTAssertThrowsError(try model.completionLoss(softPrompt: nil, promptTokens: [1], completionTokens: [100_000]))
  }
}
