import MemberwiseInit

extension Catalog {
  /// What the leading positional arguments of a `torch.nn` layer constructor size: how many of them are integer
  /// sizes, and which size of the layer's input the first one must equal (`in_features` of `Linear`, `in_channels`
  /// of `Conv1d`, `input_size` of `GRU`). Layers without an entry take no sizes first (`ReLU`, `Dropout`).
  @MemberwiseInit
  public struct LayerSizes: Sendable, Equatable {
    /// The input size the first argument is.
    public enum Input: Sendable, Equatable {
      /// The last dimension of a `[batch, features]` input.
      case features
      /// The channels of a `[batch, channels, length]` input.
      case channels
      /// Either: `BatchNorm1d` normalises features of a 2-D input or channels of a 3-D one.
      case channelsOrFeatures
      /// The feature dimension of a `[batch, length, features]` sequence (recurrent layers).
      case sequenceFeatures
      /// The last dimension of a sequence or of a 2-D input (`LayerNorm`).
      case sequenceOrFeatures
    }

    /// Leading positional arguments that are integer sizes (`Conv1d(in, out, kernel_size)`: 3).
    public var integerArguments: Int
    /// Which input size the first argument must be; nil when it is not an input size (`MaxPool1d`'s kernel).
    public var input: Input?
  }

  /// The sizes each layer constructor takes first, by short name.
  public static let layerSizes: [String: LayerSizes] = [
    "Linear": LayerSizes(integerArguments: 2, input: .features),
    "Conv1d": LayerSizes(integerArguments: 3, input: .channels),
    "BatchNorm1d": LayerSizes(integerArguments: 1, input: .channelsOrFeatures),
    "LayerNorm": LayerSizes(integerArguments: 1, input: .sequenceOrFeatures),
    "GroupNorm": LayerSizes(integerArguments: 2),
    "GRU": LayerSizes(integerArguments: 3, input: .sequenceFeatures),
    "LSTM": LayerSizes(integerArguments: 3, input: .sequenceFeatures),
    "MaxPool1d": LayerSizes(integerArguments: 2),
    "AvgPool1d": LayerSizes(integerArguments: 2),
    "AdaptiveAvgPool1d": LayerSizes(integerArguments: 1),
    "AdaptiveMaxPool1d": LayerSizes(integerArguments: 1),
    "Embedding": LayerSizes(integerArguments: 2),
  ]
}
