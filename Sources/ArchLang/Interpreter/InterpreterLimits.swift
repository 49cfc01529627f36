/// Resource limits that turn runaway programs into clear rejections.
public struct InterpreterLimits: Sendable, Hashable {
  /// Statements, loop iterations, calls and iterated elements, counted together.
  public var maximumSteps: Int
  /// Nested user-function calls.
  public var maximumCallDepth: Int
  /// Elements in one list, tuple, dict or characters in one string.
  public var maximumCollectionSize: Int
  /// Characters of `print` output kept in the log.
  public var maximumLogCharacters: Int
  /// Trainable parameters over all layers the program creates.
  public var maximumParameters: Int
  /// Elements in any one tensor the program creates (activations included).
  public var maximumTensorElements: Int
  /// Memory one run may allocate, in units: each tensor element produced counts one, each list, tuple or dict
  /// element four (a boxed value is larger than a float), each string byte one.
  public var maximumAllocatedUnits: Int
  /// Wall-clock seconds for one run of the program (building it, or one forward pass); nil for no limit.
  public var maximumSeconds: Double?

  /// Creates limits.
  public init(
    maximumSteps: Int = 2_000_000, maximumCallDepth: Int = 64, maximumCollectionSize: Int = 1_000_000,
    maximumLogCharacters: Int = 100_000, maximumParameters: Int = 20_000_000, maximumTensorElements: Int = 32_000_000,
    maximumSeconds: Double? = 60, maximumAllocatedUnits: Int = 128_000_000
  ) {
    self.maximumAllocatedUnits = maximumAllocatedUnits
    self.maximumSeconds = maximumSeconds
    self.maximumParameters = maximumParameters
    self.maximumTensorElements = maximumTensorElements
    self.maximumSteps = maximumSteps
    self.maximumCallDepth = maximumCallDepth
    self.maximumCollectionSize = maximumCollectionSize
    self.maximumLogCharacters = maximumLogCharacters
  }
}
