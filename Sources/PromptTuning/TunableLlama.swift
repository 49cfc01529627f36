import EvoTensor
import LanguageModels

/// A llama-family model (`llama`, `qwen2`) with F32 weights as EvoTensor tensors, so that gradients can flow
/// through the frozen network to a soft prompt.
///
/// The weights are dequantised once from the GGUF file (about 4 bytes per parameter: 540 MB for SmolLM2-135M).
/// The inference runtime in `LanguageModels` stays separate; this model only serves training and scoring.
public final class TunableLlama: @unchecked Sendable {
  /// Hyperparameters from the GGUF metadata.
  public let configuration: LlamaConfiguration
  /// Token embedding rows, `[vocabulary, width]`.
  public let tokenEmbedding: Tensor
  /// The output projection, `[vocabulary, width]`: the token embedding itself when tied.
  public let output: Tensor
  /// Final RMSNorm weights.
  public let outputNorm: Tensor
  /// The transformer blocks in order.
  public let blocks: [TunableBlock]

  /// Dequantises the weights of `model`.
  public init(model: LlamaModel) throws {
    let c = model.configuration
    guard c.ropeDimensionCount <= c.headDimension, c.ropeDimensionCount % 2 == 0,
      c.headCount % c.keyValueHeadCount == 0
    else {
      throw PromptTuningError.unsupportedModel(
        "rope dimensions \(c.ropeDimensionCount), head width \(c.headDimension), heads \(c.headCount)/\(c.keyValueHeadCount)"
      )
    }
    configuration = c
    tokenEmbedding = TunableBlock.matrix(model.tokenEmbedding)
    if model.output.data == model.tokenEmbedding.data {
      output = tokenEmbedding
    } else {
      output = TunableBlock.matrix(model.output)
    }
    outputNorm = TunableBlock.vector(model.outputNorm)
    blocks = model.blocks.map(TunableBlock.init(weights:))
  }

  /// Loads and dequantises the GGUF file at `path`.
  public convenience init(path: String) throws {
    try self.init(model: try LlamaModel(path: path))
  }

  /// The input embeddings of `tokens`, `[tokens.count, width]` (constants: the embedding table is frozen).
  public func embeddings(of tokens: [Int]) throws -> Tensor {
    let width = configuration.embeddingLength
    let result = Tensor.zeros([tokens.count, width])
    let table = tokenEmbedding.basePointer
    let target = result.basePointer
    for (i, token) in tokens.enumerated() {
      guard token >= 0, token < configuration.vocabularySize else { throw PromptTuningError.tokenOutOfRange(token) }
      (target + i * width).update(from: table + token * width, count: width)
    }
    return result
  }
}
