/// The weights of one transformer block: attention with optional q/k/v biases and a SwiGLU feed-forward network.
public struct TransformerBlockWeights: Sendable {
  /// RMSNorm weights before attention.
  public let attentionNorm: [Float]
  /// Attention projections.
  public let query: WeightMatrix
  public let key: WeightMatrix
  public let value: WeightMatrix
  /// Projection biases (`qwen2`); nil for `llama`.
  public let queryBias: [Float]?
  public let keyBias: [Float]?
  public let valueBias: [Float]?
  /// Output projection of attention.
  public let attentionOutput: WeightMatrix
  /// RMSNorm weights before the feed-forward network.
  public let feedForwardNorm: [Float]
  /// SwiGLU: `down(silu(gate·x) ⊙ up·x)`.
  public let gate: WeightMatrix
  public let up: WeightMatrix
  public let down: WeightMatrix

  /// Reads block `index` (`blk.<index>.*`) from `file`.
  init(file: GGUFFile, index: Int) throws {
    func matrix(_ name: String) throws -> WeightMatrix {
      guard let info = file.tensor(named: "blk.\(index).\(name).weight") else {
        throw GGUFError.missingTensor("blk.\(index).\(name).weight")
      }
      return try WeightMatrix(file: file, tensor: info)
    }
    func vector(_ name: String) throws -> [Float] {
      guard let info = file.tensor(named: "blk.\(index).\(name)") else {
        throw GGUFError.missingTensor("blk.\(index).\(name)")
      }
      return file.floats(of: info)
    }
    attentionNorm = try vector("attn_norm.weight")
    query = try matrix("attn_q")
    key = try matrix("attn_k")
    value = try matrix("attn_v")
    queryBias = try? vector("attn_q.bias")
    keyBias = try? vector("attn_k.bias")
    valueBias = try? vector("attn_v.bias")
    attentionOutput = try matrix("attn_output")
    feedForwardNorm = try vector("ffn_norm.weight")
    gate = try matrix("ffn_gate")
    up = try matrix("ffn_up")
    down = try matrix("ffn_down")
  }
}
