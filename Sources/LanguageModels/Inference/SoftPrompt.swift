/// Learned input embeddings placed before the prompt's token embeddings (prompt tuning).
public struct SoftPrompt: Sendable, Equatable {
  /// Row-major `length x width` values.
  public var vectors: [Float]
  /// Width of each vector (the model's embedding length).
  public let width: Int

  /// Number of virtual tokens.
  public var length: Int { width == 0 ? 0 : vectors.count / width }

  public init(vectors: [Float], width: Int) {
    precondition(width > 0 && vectors.count % width == 0, "soft prompt size must be a multiple of the width")
    self.vectors = vectors
    self.width = width
  }
}
