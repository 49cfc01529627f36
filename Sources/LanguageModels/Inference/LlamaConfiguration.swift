/// Hyperparameters of a llama-family transformer, read from GGUF metadata.
public struct LlamaConfiguration: Sendable, Equatable {
  /// `general.architecture`: `llama` or `qwen2`.
  public var architecture: String
  /// Number of transformer blocks.
  public var blockCount: Int
  /// Width of the residual stream.
  public var embeddingLength: Int
  /// Hidden width of the SwiGLU feed-forward network.
  public var feedForwardLength: Int
  /// Query heads.
  public var headCount: Int
  /// Key/value heads (fewer than query heads: grouped-query attention).
  public var keyValueHeadCount: Int
  /// Width of one head.
  public var headDimension: Int
  /// Leading dimensions of each head that RoPE rotates.
  public var ropeDimensionCount: Int
  /// RoPE base θ.
  public var ropeFrequencyBase: Float
  /// Which elements RoPE pairs up.
  public var ropeStyle: RopeStyle
  /// Epsilon added inside RMSNorm's square root.
  public var rmsNormEpsilon: Float
  /// Context length the model was trained for.
  public var contextLength: Int
  /// Rows of the token embedding.
  public var vocabularySize: Int

  /// Width of the key and value projections.
  public var keyValueDimension: Int { keyValueHeadCount * headDimension }

  /// Reads the `<architecture>.*` keys of `file`.
  public init(file: GGUFFile) throws {
    guard let architecture = file.string("general.architecture") else {
      throw GGUFError.missingKey("general.architecture")
    }
    guard architecture == "llama" || architecture == "qwen2" else {
      throw GGUFError.unsupportedArchitecture(architecture)
    }
    func required(_ key: String) throws -> Int {
      guard let value = file.int("\(architecture).\(key)") else { throw GGUFError.missingKey("\(architecture).\(key)") }
      return value
    }
    self.architecture = architecture
    blockCount = try required("block_count")
    embeddingLength = try required("embedding_length")
    feedForwardLength = try required("feed_forward_length")
    headCount = try required("attention.head_count")
    keyValueHeadCount = file.int("\(architecture).attention.head_count_kv") ?? headCount
    headDimension = file.int("\(architecture).attention.key_length") ?? embeddingLength / headCount
    ropeDimensionCount = file.int("\(architecture).rope.dimension_count") ?? headDimension
    ropeFrequencyBase = file.float("\(architecture).rope.freq_base") ?? 10_000
    ropeStyle = architecture == "qwen2" ? .splitHalves : .adjacentPairs
    rmsNormEpsilon = file.float("\(architecture).attention.layer_norm_rms_epsilon") ?? 1e-5
    contextLength = file.int("\(architecture).context_length") ?? 2048
    guard let embedding = file.tensor(named: "token_embd.weight"), embedding.shape.count == 2 else {
      throw GGUFError.missingTensor("token_embd.weight")
    }
    vocabularySize = embedding.shape[1]
  }
}
