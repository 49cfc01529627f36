/// A llama-family transformer (`llama`, `qwen2`) whose weights are read in place from a GGUF file.
///
/// The model is immutable and shareable across threads; per-sequence state (KV cache, buffers) lives in an
/// `InferenceSession`.
public final class LlamaModel: Sendable {
  /// The mapped file the weights live in.
  public let file: GGUFFile
  /// Hyperparameters from the metadata.
  public let configuration: LlamaConfiguration
  /// Token embedding rows (vocabulary x width).
  public let tokenEmbedding: WeightMatrix
  /// The transformer blocks in order.
  public let blocks: [TransformerBlockWeights]
  /// Final RMSNorm weights.
  public let outputNorm: [Float]
  /// The output projection; the token embedding itself when the file has no `output.weight` (tied embeddings).
  public let output: WeightMatrix
  /// Threads used for matrix-vector products during decoding.
  public let threadCount: Int

  /// Loads the model in `file`.
  public init(file: GGUFFile, threadCount: Int = 2) throws {
    self.file = file
    configuration = try LlamaConfiguration(file: file)
    guard let embedding = file.tensor(named: "token_embd.weight") else {
      throw GGUFError.missingTensor("token_embd.weight")
    }
    tokenEmbedding = try WeightMatrix(file: file, tensor: embedding)
    blocks = try (0..<configuration.blockCount).map { try TransformerBlockWeights(file: file, index: $0) }
    guard let norm = file.tensor(named: "output_norm.weight") else {
      throw GGUFError.missingTensor("output_norm.weight")
    }
    outputNorm = file.floats(of: norm)
    if let outputInfo = file.tensor(named: "output.weight") {
      output = try WeightMatrix(file: file, tensor: outputInfo)
    } else {
      output = tokenEmbedding
    }
    self.threadCount = max(1, threadCount)
  }

  /// Opens and loads the GGUF file at `path`.
  public convenience init(path: String, threadCount: Int = 2) throws {
    try self.init(file: try GGUFFile(path: path), threadCount: threadCount)
  }
}
