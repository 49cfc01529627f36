import Seeds

extension SeedProgram {
  /// The four MNIST-1D seeds (`seeds/*.py`, compiled into the binary), with the parameter counts PyTorch measures.
  public static let all: [SeedProgram] = EmbeddedSeeds.mnist1D.map {
    SeedProgram($0, parameterCounts: EmbeddedSeeds.mnist1DParameterCounts, countsFile: "seeds/params.json")
  }

  /// The MNIST-1D project's ConvBase CNN.
  public static var cnn: SeedProgram { all[0] }
  /// The MNIST-1D project's MLP with a residual hidden layer.
  public static var mlp: SeedProgram { all[1] }
  /// The MNIST-1D project's bidirectional GRU.
  public static var gru: SeedProgram { all[2] }
  /// A larger hand-designed residual CNN.
  public static var largeCNN: SeedProgram { all[3] }

  /// The seed of `file`, whose parameter count `parameterCounts` (read from `countsFile`) must hold.
  public init(_ file: SeedFile, parameterCounts: [String: Int], countsFile: String) {
    guard let count = parameterCounts[file.name] else {
      preconditionFailure("\(countsFile) has no parameter count for the seed \(file.name)")
    }
    self.init(name: file.name, parameterCount: count, source: file.source)
  }
}
