import EvoTensor
import Foundation

extension TunableLlama {
  /// The residual stream after every block, `[positions, width]`, for input embeddings `inputs`
  /// (`[positions, width]`, position 0 first): grouped-query causal attention and SwiGLU blocks.
  public func hiddenStates(inputs: Tensor) -> Tensor {
    let c = configuration
    let positions = inputs.shape[0]
    let (heads, keyValueHeads, headWidth) = (c.headCount, c.keyValueHeadCount, c.headDimension)
    let group = heads / keyValueHeads
    let tables = Tensor.rotaryTables(
      positions: positions, rotatedWidth: c.ropeDimensionCount, base: c.ropeFrequencyBase)
    let mask = Tensor.causalMask(shape: [keyValueHeads, group, positions, positions])
    // Folding 1/sqrt(d) into the queries scales [heads, positions, d] values instead of the scores' positions².
    let scale = 1 / Float(headWidth).squareRoot()
    var x = inputs
    for block in blocks {
      let normed = x.rmsNormalized(weight: block.attentionNorm, epsilon: c.rmsNormEpsilon)
      let queries =
        normed.linear(weight: block.query, bias: block.queryBias)
        .reshaped([positions, heads, headWidth]).permuted([1, 0, 2])
        .rotaryEmbedded(cosines: tables.cosines, sines: tables.sines, style: c.ropeStyle) * scale
      let keys = normed.linear(weight: block.key, bias: block.keyBias)
        .reshaped([positions, keyValueHeads, headWidth]).permuted([1, 0, 2])
        .rotaryEmbedded(cosines: tables.cosines, sines: tables.sines, style: c.ropeStyle)
      let values = normed.linear(weight: block.value, bias: block.valueBias)
        .reshaped([positions, keyValueHeads, headWidth]).permuted([1, 0, 2])
      // Query head h reads key/value head h / group: grouping the query heads of one KV head into its rows
      // makes grouped-query attention one batched product per KV head, with no copies of keys or values.
      let scores = queries.reshaped([keyValueHeads, group * positions, headWidth])
        .matmul(keys.transposed(1, 2))
        .reshaped([keyValueHeads, group, positions, positions])
      let probabilities = (scores + mask).softmax(dim: 3).reshaped([keyValueHeads, group * positions, positions])
      let attended = probabilities.matmul(values)
        .reshaped([heads, positions, headWidth]).permuted([1, 0, 2]).reshaped([positions, heads * headWidth])
      x = x + attended.linear(weight: block.attentionOutput, bias: nil)
      let ffnInput = x.rmsNormalized(weight: block.feedForwardNorm, epsilon: c.rmsNormEpsilon)
      let gated = ffnInput.linear(weight: block.gate, bias: nil).silu() * ffnInput.linear(weight: block.up, bias: nil)
      x = x + gated.linear(weight: block.down, bias: nil)
    }
    return x
  }

  /// Mean cross-entropy (nats per token) of `completionTokens` given `softPrompt` (`[length, width]`, may be
  /// nil) followed by `promptTokens`; only the completion's tokens are scored.
  public func completionLoss(softPrompt: Tensor?, promptTokens: [Int], completionTokens: [Int]) throws -> Tensor {
    let width = configuration.embeddingLength
    if let softPrompt, softPrompt.shape.count != 2 || softPrompt.shape[1] != width {
      throw PromptTuningError.widthMismatch(expected: width, found: softPrompt.shape.last ?? 0)
    }
    let virtualCount = softPrompt?.shape[0] ?? 0
    guard !completionTokens.isEmpty, virtualCount + promptTokens.count > 0 else { throw PromptTuningError.emptyExample }
    let vocabulary = configuration.vocabularySize
    if let bad = completionTokens.first(where: { $0 < 0 || $0 >= vocabulary }) {
      throw PromptTuningError.tokenOutOfRange(bad)
    }
    // The last completion token is only a target, never an input.
    let tokenInputs = try embeddings(of: promptTokens + completionTokens.dropLast())
    let inputs = softPrompt.map { Tensor.concatenate([$0, tokenInputs], dim: 0) } ?? tokenInputs
    let hidden = hiddenStates(inputs: inputs)
    let firstPredictor = virtualCount + promptTokens.count - 1
    let predictors = hidden.sliced(dim: 0, start: firstPredictor, end: firstPredictor + completionTokens.count)
    let logits = predictors.rmsNormalized(weight: outputNorm, epsilon: configuration.rmsNormEpsilon)
      .linear(weight: output, bias: nil)
    return logits.crossEntropy(targets: completionTokens)
  }
}
