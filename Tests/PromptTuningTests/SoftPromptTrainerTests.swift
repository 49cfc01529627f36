import EvoTensor
import LanguageModels
import PromptTuning
import XCTest

/// Training a soft prompt on the tiny model: initialisation, loss going down, determinism, context caps.
final class SoftPromptTrainerTests: XCTestCase {
  private func trainer(_ configure: (inout PromptTuningSettings) -> Void = { _ in }) throws -> SoftPromptTrainer {
    let (model, tokenizer) = try TuningFixtures.tinyModel()
    var settings = PromptTuningSettings()
    settings.promptLength = 4
    settings.initializationText = "the model is small"
    configure(&settings)
    return SoftPromptTrainer(model: model, tokenizer: tokenizer, settings: settings)
  }

  func testInitialSoftPromptIsTheEmbeddingsOfTheInitializationText() throws {
    let trainer = try trainer { $0.promptLength = 7 }
    let tokens = trainer.tokenizer.encode("the model is small", addBOS: false, parseSpecial: false)
    XCTAssertFalse(tokens.isEmpty)
    let expected = (0..<7).map { tokens[$0 % tokens.count] }
    let initial = try trainer.initialSoftPrompt()
    XCTAssertEqual(initial.length, 7)
    XCTAssertEqual(initial.width, trainer.model.configuration.embeddingLength)
    XCTAssertEqual(initial.vectors, try trainer.model.embeddings(of: expected).scalars)
  }

  func testTrainingLowersTheLossOnItsExamples() throws {
    let trainer = try trainer {
      $0.epochs = 8
      $0.batchSize = 3
      $0.learningRate = 0.1
    }
    let examples = trainer.examples(TuningFixtures.tinyPairs)
    XCTAssertEqual(examples.count, TuningFixtures.tinyPairs.count)
    let initial = try trainer.initialSoftPrompt()
    let before = try trainer.meanNLL(examples, softPrompt: initial)
    let outcome = try trainer.train(examples)
    XCTAssertEqual(outcome.lossCurve.count, 8 * 2)
    XCTAssertEqual(outcome.softPrompt.length, 4)
    let after = try trainer.meanNLL(examples, softPrompt: outcome.softPrompt)
    XCTAssertLessThan(after, 0.9 * before, "NLL \(before) -> \(after)")
    XCTAssertLessThan(outcome.lossCurve.last!, outcome.lossCurve.first!)
    // The first step's batch loss is measured before any update, with the initial prompt.
    XCTAssertGreaterThan(outcome.seconds, 0)
  }

  func testSameSeedSameSoftPromptOtherSeedOtherOrder() throws {
    let first = try trainer {
      $0.epochs = 2; $0.batchSize = 2; $0.seed = 3
    }
    let examples = first.examples(TuningFixtures.tinyPairs)
    let a = try first.train(examples)
    let b = try first.train(examples)
    XCTAssertEqual(a.softPrompt, b.softPrompt)
    XCTAssertEqual(a.lossCurve, b.lossCurve)
    let other = try trainer {
      $0.epochs = 2; $0.batchSize = 2; $0.seed = 4
    }
    XCTAssertNotEqual(try other.train(examples).softPrompt, a.softPrompt)
  }

  func testContextCapsKeepTheLastPromptTokensAndTheFirstCompletionTokens() throws {
    let (_, tokenizer) = try TuningFixtures.tinyModel()
    let prompt = "a linear layer then relu then pool"
    let completion = " the model is a small net"
    let full = TuningExample(prompt: prompt, completion: completion, tokenizer: tokenizer)
    let capped = TuningExample(
      prompt: prompt, completion: completion, tokenizer: tokenizer, maxPromptTokens: 3, maxCompletionTokens: 2)
    XCTAssertGreaterThan(full.promptTokens.count, 3)
    XCTAssertEqual(capped.promptTokens, Array(full.promptTokens.suffix(3)))
    XCTAssertEqual(capped.completionTokens, Array(full.completionTokens.prefix(2)))
  }

  func testNLLWithoutSoftPromptIsTheModelsOwn() throws {
    let trainer = try trainer()
    let examples = trainer.examples(Array(TuningFixtures.tinyPairs.prefix(2)))
    var total: Float = 0
    var tokens = 0
    for example in examples {
      let loss = try Tensor.withoutGrad {
        try trainer.model.completionLoss(
          softPrompt: nil, promptTokens: example.promptTokens, completionTokens: example.completionTokens)
      }
      total += loss.item * Float(example.completionTokens.count)
      tokens += example.completionTokens.count
    }
    XCTAssertEqual(try trainer.meanNLL(examples, softPrompt: nil), total / Float(tokens), accuracy: 1e-5)
  }
}
