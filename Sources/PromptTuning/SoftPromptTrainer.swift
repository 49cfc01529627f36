import EvoTensor
import Foundation
import LanguageModels

/// Trains a soft prompt (Lester et al., 2021) on a frozen `TunableLlama`: only the prompt's embeddings learn.
public final class SoftPromptTrainer: @unchecked Sendable {
  /// The frozen network.
  public let model: TunableLlama
  /// Turns `initializationText` into the tokens whose embeddings start the soft prompt.
  public let tokenizer: Tokenizer
  /// Hyperparameters.
  public let settings: PromptTuningSettings

  public init(model: TunableLlama, tokenizer: Tokenizer, settings: PromptTuningSettings = PromptTuningSettings()) {
    self.model = model
    self.tokenizer = tokenizer
    self.settings = settings
  }

  /// The starting soft prompt: embeddings of the first `promptLength` tokens of `initializationText` (cycled when
  /// the text is shorter), as the paper's "sampled vocabulary" initialisation with a fixed, task-related text.
  public func initialSoftPrompt() throws -> SoftPrompt {
    var tokens = tokenizer.encode(settings.initializationText, addBOS: false, parseSpecial: false)
    if tokens.isEmpty { tokens = [0] }
    let chosen = (0..<settings.promptLength).map { tokens[$0 % tokens.count] }
    let rows = try model.embeddings(of: chosen)
    return SoftPrompt(vectors: rows.scalars, width: model.configuration.embeddingLength)
  }

  /// Tokenizes `(prompt, completion)` pairs with this trainer's context caps, dropping empty completions.
  public func examples(_ pairs: [(prompt: String, completion: String)]) -> [TuningExample] {
    pairs.map {
      TuningExample(
        prompt: $0.prompt, completion: $0.completion, tokenizer: tokenizer, maxPromptTokens: settings.maxPromptTokens,
        maxCompletionTokens: settings.maxCompletionTokens)
    }.filter { !$0.completionTokens.isEmpty }
  }

  /// Trains from `initialSoftPrompt()` for `settings.epochs` passes in a seeded order; `onStep(step, loss)` after
  /// each Adam step. The loss of a batch is the mean over all its completion tokens.
  public func train(_ examples: [TuningExample], onStep: ((Int, Float) -> Void)? = nil) throws -> PromptTuningOutcome {
    let start = DispatchTime.now().uptimeNanoseconds
    let initial = try initialSoftPrompt()
    let width = initial.width
    let parameter = Tensor(initial.vectors, shape: [initial.length, width], requiresGrad: true)
    let optimizer = Adam([parameter], learningRate: settings.learningRate)
    var generator = RandomSource(seed: settings.seed)
    var lossCurve: [Float] = []
    let batchSize = max(1, settings.batchSize)
    for _ in 0..<(examples.isEmpty ? 0 : settings.epochs) {
      var order = Array(examples.indices)
      order.shuffle(using: &generator)
      for batchStart in stride(from: 0, to: order.count, by: batchSize) {
        let batch = order[batchStart..<min(batchStart + batchSize, order.count)].map { examples[$0] }
        let tokenTotal = batch.reduce(0) { $0 + $1.completionTokens.count }
        var batchLoss: Double = 0
        parameter.zeroGrad()
        for example in batch {
          // Token-weighted: each example's mean loss counts in proportion to its completion's length.
          let weight = Float(example.completionTokens.count) / Float(tokenTotal)
          let loss = try model.completionLoss(
            softPrompt: parameter, promptTokens: example.promptTokens, completionTokens: example.completionTokens)
          batchLoss += Double(loss.item * weight)
          (loss * weight).backward()
        }
        optimizer.step()
        lossCurve.append(Float(batchLoss))
        onStep?(lossCurve.count, Float(batchLoss))
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return PromptTuningOutcome(
      softPrompt: SoftPrompt(vectors: parameter.scalars, width: width), lossCurve: lossCurve, seconds: seconds)
  }

  /// Mean negative log-likelihood per completion token over `examples`, after `softPrompt` when given.
  public func meanNLL(_ examples: [TuningExample], softPrompt: SoftPrompt?) throws -> Float {
    let prefix = softPrompt.map { Tensor($0.vectors, shape: [$0.length, $0.width]) }
    var total: Double = 0
    var tokens = 0
    try Tensor.withoutGrad {
      for example in examples {
        let loss = try model.completionLoss(
          softPrompt: prefix, promptTokens: example.promptTokens, completionTokens: example.completionTokens)
        total += Double(loss.item) * Double(example.completionTokens.count)
        tokens += example.completionTokens.count
      }
    }
    return tokens == 0 ? 0 : Float(total / Double(tokens))
  }
}
