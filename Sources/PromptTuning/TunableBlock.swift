import EvoTensor
import LanguageModels

/// One transformer block's weights dequantised to F32 tensors, frozen (no gradients) for prompt-tuning.
public struct TunableBlock: @unchecked Sendable {
  /// RMSNorm weights before attention, `[width]`.
  public let attentionNorm: Tensor
  /// Attention projections, `[out, in]` as `nn.Linear` stores them.
  public let query: Tensor
  public let key: Tensor
  public let value: Tensor
  /// Projection biases (`qwen2`); nil for `llama`.
  public let queryBias: Tensor?
  public let keyBias: Tensor?
  public let valueBias: Tensor?
  /// Output projection of attention.
  public let attentionOutput: Tensor
  /// RMSNorm weights before the feed-forward network.
  public let feedForwardNorm: Tensor
  /// SwiGLU: `down(silu(gate·x) ⊙ up·x)`.
  public let gate: Tensor
  public let up: Tensor
  public let down: Tensor

  /// Dequantises `weights` (read in place from the GGUF mapping) once.
  public init(weights: TransformerBlockWeights) {
    attentionNorm = TunableBlock.vector(weights.attentionNorm)
    query = TunableBlock.matrix(weights.query)
    key = TunableBlock.matrix(weights.key)
    value = TunableBlock.matrix(weights.value)
    queryBias = weights.queryBias.map(TunableBlock.vector)
    keyBias = weights.keyBias.map(TunableBlock.vector)
    valueBias = weights.valueBias.map(TunableBlock.vector)
    attentionOutput = TunableBlock.matrix(weights.attentionOutput)
    feedForwardNorm = TunableBlock.vector(weights.feedForwardNorm)
    gate = TunableBlock.matrix(weights.gate)
    up = TunableBlock.matrix(weights.up)
    down = TunableBlock.matrix(weights.down)
  }

  /// A `[rows, columns]` F32 tensor holding every row of `matrix`.
  static func matrix(_ matrix: WeightMatrix) -> Tensor {
    let result = Tensor.zeros([matrix.rows, matrix.columns])
    matrix.dequantizeRows(0..<matrix.rows, into: result.basePointer)
    return result
  }

  /// A one-dimensional tensor of `values`.
  static func vector(_ values: [Float]) -> Tensor {
    Tensor(values, shape: [values.count])
  }
}
