/// What the model's layers make of the tensors at hand, as the line checks found it, for the prefix checker.
///
/// In `__init__` the hints say which input sizes a new layer can be given and whether the class scores are
/// reachable yet; in `forward`, which layers may be called now and on which locals, and what may be returned. A
/// small model otherwise keeps writing layers no tensor fits, and every such line is resampled.
public struct ShapeHints: Sendable, Equatable {
  /// Attributes of the model that hold modules: they can be called, not computed with or indexed.
  public var moduleAttributes: Set<String> = []
  /// Module attributes that are recurrent layers (called with an input and an optional initial state).
  public var recurrentModules: Set<String> = []
  /// In `forward`: the modules that take some tensor at hand, as it is or after a flatten, unsqueeze or transpose.
  public var callableModules: Set<String>?
  /// In `forward`: per module, the locals it takes as they are.
  public var acceptedLocals: [String: Set<String>] = [:]
  /// In `forward`: the locals that hold the class scores (`[B, classes]`).
  public var classScoreLocals: Set<String>?
  /// In `forward`: the modules that give the class scores from some local as it is.
  public var classifierModules: Set<String>?
  /// In `forward`: expressions of the class scores from the tensors at hand (a scores local, or a chain of the
  /// model's layers on a local, with the reshapes of `ShapeProbe.variants` between them), shortest first: what a
  /// `return` may be once the model's own returns have failed.
  public var returnExpressions: [String]?
  /// In `__init__`: the feature counts a `Linear` declared next may take: what the layers so far, in declaration
  /// order, give (`[B, F]`, or `[B, C, L]` flattened to `C * L`), and the input's.
  public var linearInputSizes: Set<Int>?
  /// In `__init__`: the channel counts of the reachable `[B, C, L]` shapes, for a convolution's input channels.
  public var channelCounts: Set<Int>?
  /// In `__init__`: the feature counts of the reachable `[B, L, F]` shapes, for a recurrent layer's input size.
  public var sequenceInputSizes: Set<Int>?
  /// Whether the class scores can still be had: in `__init__`, from the input through the layers so far; in
  /// `forward`, from the tensors at hand through the model's layers.
  public var reachesClassScores = false
  /// The number of classes the model must score.
  public var classCount = 10
  /// In `__init__`: names whose integer value is known (`__init__`'s defaults, integer assignments).
  public var knownIntegers: [String: Int] = [:]

  public init(
    moduleAttributes: Set<String> = [], callableModules: Set<String>? = nil, acceptedLocals: [String: Set<String>] = [:]
  ) {
    self.moduleAttributes = moduleAttributes
    self.callableModules = callableModules
    self.acceptedLocals = acceptedLocals
  }
}
