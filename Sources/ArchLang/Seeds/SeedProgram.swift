import MemberwiseInit

/// An MNIST-1D seed program for the first generation: real PyTorch source and its parameter count in PyTorch.
@MemberwiseInit
public struct SeedProgram: Sendable, Hashable {
  /// A short identifier (`cnn`, `mlp`, `gru`, `large_cnn`).
  public var name: String
  /// The parameter count PyTorch reports for the selected model.
  public var parameterCount: Int
  /// The program text.
  public var source: String
}
