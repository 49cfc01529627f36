import EvoTensor
import Foundation

extension TunableLlama {
  /// The residual stream after every block, `[positions, width]`, for input embeddings `inputs`
  /// (`[positions, width]`, position 0 first): grouped-query causal attention and SwiGLU blocks.
  ///
  /// When a gradient is recorded, each block is checkpointed: its forward pass keeps only its output, and its
  /// backward step runs the block again to get what it needs. A block's attention scores and feed-forward
  /// activations are then held for one block at a time, not for all of them: for Qwen2.5-Coder-0.5B on a
  /// 768-token example that is about 0.2 GB instead of 5 GB, for one more forward pass per step.
  public func hiddenStates(inputs: Tensor) -> Tensor {
    let c = configuration
    let positions = inputs.shape[0]
    let context = BlockContext(
      tables: Tensor.rotaryTables(positions: positions, rotatedWidth: c.ropeDimensionCount, base: c.ropeFrequencyBase),
      mask: Tensor.causalMask(shape: [c.keyValueHeadCount, c.headCount / c.keyValueHeadCount, positions, positions]))
    var x = inputs
    for block in blocks {
      x = Self.checkpointed(x) { self.forward(block, $0, context) }
    }
    return x
  }

  /// What every block of one pass shares: the rotary tables and the causal mask for its positions.
  struct BlockContext {
    var tables: (cosines: Tensor, sines: Tensor)
    var mask: Tensor
  }

  /// `body(x)` without keeping its intermediate tensors: the backward step recomputes them from `x`.
  static func checkpointed(_ x: Tensor, _ body: @escaping (Tensor) -> Tensor) -> Tensor {
    guard Tensor.recordsGradient(for: [x]) else { return body(x) }
    let output = Tensor.withoutGrad { body(x) }
    return output.differentiable(from: [x]) { gradient in
      let input = x.detached()
      input.requiresGrad = true
      let recomputed = Tensor.withGrad { body(input) }
      recomputed.backward(gradient)
      return [input.grad]
    }
  }

  /// One block: the residual stream after its attention and its feed-forward layer.
  func forward(_ block: TunableBlock, _ x: Tensor, _ context: BlockContext) -> Tensor {
    let c = configuration
    let positions = x.shape[0]
    let (heads, keyValueHeads, headWidth) = (c.headCount, c.keyValueHeadCount, c.headDimension)
    let group = heads / keyValueHeads
    let (cosines, sines) = context.tables
    // Folding 1/sqrt(d) into the queries scales [heads, positions, d] values instead of the scores' positions².
    let scale = 1 / Float(headWidth).squareRoot()
    let normed = x.rmsNormalized(weight: block.attentionNorm, epsilon: c.rmsNormEpsilon)
    let queries =
      normed.linear(weight: block.query, bias: block.queryBias)
      .reshaped([positions, heads, headWidth]).permuted([1, 0, 2])
      .rotaryEmbedded(cosines: cosines, sines: sines, style: c.ropeStyle) * scale
    let keys = normed.linear(weight: block.key, bias: block.keyBias)
      .reshaped([positions, keyValueHeads, headWidth]).permuted([1, 0, 2])
      .rotaryEmbedded(cosines: cosines, sines: sines, style: c.ropeStyle)
    let values = normed.linear(weight: block.value, bias: block.valueBias)
      .reshaped([positions, keyValueHeads, headWidth]).permuted([1, 0, 2])
    // Query head h reads key/value head h / group: grouping the query heads of one KV head into its rows
    // makes grouped-query attention one batched product per KV head, with no copies of keys or values.
    let scores = queries.reshaped([keyValueHeads, group * positions, headWidth])
      .matmul(keys.transposed(1, 2))
      .reshaped([keyValueHeads, group, positions, positions])
    let probabilities = (scores + context.mask).softmax(dim: 3).reshaped([keyValueHeads, group * positions, positions])
    let attended = probabilities.matmul(values)
      .reshaped([heads, positions, headWidth]).permuted([1, 0, 2]).reshaped([positions, heads * headWidth])
    let mixed = x + attended.linear(weight: block.attentionOutput, bias: nil)
    let ffnInput = mixed.rmsNormalized(weight: block.feedForwardNorm, epsilon: c.rmsNormEpsilon)
    let gated = ffnInput.linear(weight: block.gate, bias: nil).silu() * ffnInput.linear(weight: block.up, bias: nil)
    return mixed + gated.linear(weight: block.down, bias: nil)
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
