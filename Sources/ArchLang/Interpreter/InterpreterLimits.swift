/// Resource limits that turn runaway programs into clear rejections.
public struct InterpreterLimits: Sendable, Hashable {
  /// Statements, loop iterations, calls and iterated elements, counted together.
  public var maximumSteps: Int
  /// Nested user-function calls.
  public var maximumCallDepth: Int
  /// Levels of nested values that repr, `==`, ordering, hashing and `isinstance` walk into (Python's recursion
  /// limit), and levels of module calls inside one another in a forward pass.
  public var maximumValueNesting: Int
  /// Levels of modules nested inside one another (`nn.Sequential(nn.Sequential(...))`).
  public var maximumModuleNesting: Int
  /// Elements in one list, tuple, dict or characters in one string.
  public var maximumCollectionSize: Int
  /// Characters of `print` output kept in the log.
  public var maximumLogCharacters: Int
  /// Trainable parameters over all layers the program creates.
  public var maximumParameters: Int
  /// Elements in any one tensor the program creates (activations included).
  public var maximumTensorElements: Int
  /// Memory one run may allocate, in units: each tensor element produced counts one, each list, tuple or dict
  /// element eight (a boxed value, its reference and its retain cost more than a float), each string byte one.
  public var maximumAllocatedUnits: Int
  /// Arithmetic operations of the tensor engine in one run (a matrix product of m x k and k x n counts 2mkn).
  public var maximumOperations: Int
  /// Wall-clock seconds for one run of the program (building it, or one forward pass); nil for no limit.
  public var maximumSeconds: Double?

  /// Creates limits.
  public init(
    maximumSteps: Int = 2_000_000, maximumCallDepth: Int = 64, maximumCollectionSize: Int = 1_000_000,
    maximumLogCharacters: Int = 100_000, maximumParameters: Int = 20_000_000, maximumTensorElements: Int = 32_000_000,
    maximumSeconds: Double? = 60, maximumAllocatedUnits: Int = 128_000_000, maximumValueNesting: Int = 1_000,
    maximumModuleNesting: Int = 100, maximumOperations: Int = 20_000_000_000
  ) {
    self.maximumOperations = maximumOperations
    self.maximumValueNesting = maximumValueNesting
    self.maximumModuleNesting = maximumModuleNesting
    self.maximumAllocatedUnits = maximumAllocatedUnits
    self.maximumSeconds = maximumSeconds
    self.maximumParameters = maximumParameters
    self.maximumTensorElements = maximumTensorElements
    self.maximumSteps = maximumSteps
    self.maximumCallDepth = maximumCallDepth
    self.maximumCollectionSize = maximumCollectionSize
    self.maximumLogCharacters = maximumLogCharacters
  }

  /// `used + amount` when that stays within `limit`; else a `.limit` error saying `message` (the budgets of
  /// parameters, memory and tensor arithmetic).
  static func charged(
    _ used: Int, _ amount: Int, limit: Int, at location: SourceLocation, _ message: () -> String
  ) throws(ArchLangError) -> Int {
    let (total, overflow) = used.addingReportingOverflow(amount)
    if overflow || total > limit { throw ArchLangError(.limit, message(), at: location) }
    return total
  }
}
