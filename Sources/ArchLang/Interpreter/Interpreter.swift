import Dispatch

/// Runs a checked program: executes its module-level statements, then builds the selected model.
///
/// Everything a program can reach is a `Value` the interpreter created; there is no path to files, processes or the
/// host. Steps, call depth and collection sizes are bounded by `limits`, and `print` output goes to `log`.
public final class Interpreter {
  /// The program being run.
  public let program: Program
  /// The resource limits in force.
  public let limits: InterpreterLimits
  /// Steps used so far.
  public private(set) var steps = 0
  /// Everything the program printed (at most `limits.maximumLogCharacters` bytes, then a truncation note).
  public private(set) var log = ""
  /// Whether `log` has reached its cap (later output is dropped).
  private var logIsFull = false
  /// How deep the current value operation (repr, ==, ordering, hashing, isinstance) has recursed into nested
  /// containers; bounded by `limits.maximumValueNesting`.
  var valueNesting = 0
  /// Containers whose repr is being written, so a container that holds itself prints as `[...]` or `{...}`.
  var reprInProgress: Set<ObjectIdentifier> = []
  /// Where the program was last counted a step (for errors raised below the expression level, such as repr's).
  var currentLocation = SourceLocation.start
  /// The module-level variables.
  let globals: Scope
  /// Builtin functions by name.
  var builtinValues: [String: Value] = [:]
  /// Active user-function calls, innermost last.
  var frames: [CallFrame] = []
  /// The built-in `torch.nn.Module` base class.
  public let moduleBaseClass: ClassObject
  /// The catalog used for argument binding and messages.
  public let catalog: Catalog
  /// Builds engine objects (layers, tensors) for `nn`, `F` and `torch` calls; nil runs the language without tensors.
  public var backend: (any TensorBackend)?

  /// Creates an interpreter for `program`.
  public init(program: Program, limits: InterpreterLimits = InterpreterLimits(), catalog: Catalog = .standard) {
    self.program = program
    self.limits = limits
    self.catalog = catalog
    self.globals = Scope(parent: nil)
    self.moduleBaseClass = ClassObject(name: "Module", base: nil, attributes: [:], isModuleRoot: true)
    installBuiltins()
    globals.variables["__name__"] = .string("__candidate__")
  }

  /// Executes the module-level statements once.
  public func run() throws(ArchLangError) {
    let outcome = try execute(program.statements, in: globals)
    if case .normal = outcome { return }
    throw ArchLangError(.syntax, "'return', 'break' or 'continue' outside a function or loop", at: .start)
  }

  /// A module-level variable after `run()`.
  public func global(_ name: String) -> Value? {
    globals.variables[name]
  }

  /// Runs the program if needed and returns the model it defines (see `Program.modelSelection`).
  public func buildModel() throws(ArchLangError) -> Value {
    guard let selection = program.modelSelection else {
      throw ArchLangError(
        .runtime, "no model found: define `class Model(nn.Module)`, another nn.Module subclass, or `model = ...`",
        at: .start)
    }
    switch selection {
    case .variable(let name, let value):
      guard let model = globals.variables[name] else {
        throw ArchLangError(.runtime, "`\(name)` was never assigned", at: value.location)
      }
      return model
    case .moduleClass(let name):
      guard let classValue = globals.variables[name] else {
        throw ArchLangError(.runtime, "class `\(name)` was not defined when the program ran", at: .start)
      }
      let location = program.classLocation(name)
      return try call(classValue, [], [], at: location)
    }
  }

  /// When the current run started, for the wall-clock limit.
  private var runStarted = DispatchTime.now().uptimeNanoseconds

  /// Memory units allocated in the current run (see `InterpreterLimits.maximumAllocatedUnits`).
  public private(set) var allocatedUnits = 0

  /// Arithmetic operations the tensor engine did for the current run (see `InterpreterLimits.maximumOperations`).
  public private(set) var operations = 0

  /// Gives the program a fresh step, time and memory budget (each forward pass of a compiled model gets its own).
  public func resetSteps() {
    steps = 0
    allocatedUnits = 0
    operations = 0
    runStarted = DispatchTime.now().uptimeNanoseconds
  }

  /// Counts one step and stops the program when the budget is spent.
  func tick(_ location: SourceLocation) throws(ArchLangError) {
    try work(1, at: location)
  }

  /// Counts `units` steps of work done at once (scanning or comparing a long string, copying a long sequence),
  /// so that the budget bounds the time a program takes whatever it does: verdicts depend on what the program
  /// does, not on how busy the machine is. The wall clock is only a backstop.
  func work(_ units: Int, at location: SourceLocation) throws(ArchLangError) {
    currentLocation = location
    let (total, overflow) = steps.addingReportingOverflow(Swift.max(units, 0))
    steps = overflow ? Int.max : total
    if steps > limits.maximumSteps {
      throw ArchLangError(
        .limit,
        "the program ran for more than \(limits.maximumSteps) interpreter steps (stopped at line \(location.line))",
        at: location)
    }
    // Reading the clock costs more than a step, so it is read about every 1,024 steps.
    if (steps &- units) >> 10 != steps >> 10, let seconds = limits.maximumSeconds,
      Double(DispatchTime.now().uptimeNanoseconds &- runStarted) / 1e9 > seconds
    {
      throw ArchLangError(
        .limit, "the program ran for more than \(seconds) seconds (stopped at line \(location.line))", at: location)
    }
  }

  /// Appends printed text to the log, keeping at most `limits.maximumLogCharacters` bytes of it (measured in
  /// UTF-8, which a native string knows without counting, so a print loop costs the same at the end of a long
  /// log as at its start).
  func appendToLog(_ text: String) {
    guard !logIsFull else { return }
    let room = limits.maximumLogCharacters - log.utf8.count
    if text.utf8.count <= room {
      log += text
      return
    }
    // Cut within the room left, before a UTF-8 continuation byte never.
    let bytes = Array(text.utf8.prefix(Swift.max(room, 0) + 1))
    var cut = Swift.min(Swift.max(room, 0), bytes.count)
    while cut > 0 && cut < bytes.count && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
    log += String(decoding: bytes[..<cut], as: UTF8.self) + "\n[log truncated]\n"
    logIsFull = true
  }

  /// Runs `body` one level deeper into nested values, failing cleanly past `limits.maximumValueNesting` levels
  /// (Python's RecursionError) instead of overflowing the stack.
  func nested<T>(at location: SourceLocation, _ body: () throws(ArchLangError) -> T) throws(ArchLangError) -> T {
    valueNesting += 1
    defer { valueNesting -= 1 }
    if valueNesting > limits.maximumValueNesting {
      throw ArchLangError(
        .limit,
        "values nested more than \(limits.maximumValueNesting) levels deep (a list, tuple or dict inside itself, "
          + "or a nest this deep, cannot be compared, hashed or printed)",
        at: location)
    }
    return try body()
  }

  /// Counts `units` of new memory against the run's budget.
  public func charge(_ units: Int, at location: SourceLocation) throws(ArchLangError) {
    allocatedUnits = try InterpreterLimits.charged(
      allocatedUnits, Swift.max(units, 0), limit: limits.maximumAllocatedUnits, at: location
    ) {
      "the program allocated more than its memory budget (\(limits.maximumAllocatedUnits) units; stopped at line "
        + "\(location.line))"
    }
  }

  /// Counts the arithmetic of a tensor operation, the product of `factors` (e.g. 2, rows, columns, inner size of a
  /// matrix product), before the engine does it: a loop of large products stops at the budget, in the same
  /// place on an idle or a busy machine.
  public func compute(_ factors: Int..., at location: SourceLocation) throws(ArchLangError) {
    var product = 1
    for factor in factors {
      let (next, overflow) = product.multipliedReportingOverflow(by: Swift.max(factor, 0))
      product = overflow ? Int.max : next
    }
    operations = try InterpreterLimits.charged(operations, product, limit: limits.maximumOperations, at: location) {
      "the program's tensor operations need more than \(limits.maximumOperations) arithmetic operations in one "
        + "run (stopped at line \(location.line))"
    }
  }

  /// Counts new collection elements (eight units each: a boxed value, its reference and its retain).
  func chargeElements(_ count: Int, at location: SourceLocation) throws(ArchLangError) {
    try charge(count.multipliedReportingOverflow(by: 8).overflow ? Int.max : count * 8, at: location)
  }

  /// Throws when a collection would exceed the size limit.
  func checkSize(_ count: Int, at location: SourceLocation) throws(ArchLangError) {
    if count > limits.maximumCollectionSize {
      throw ArchLangError(
        .limit, "a collection of \(count) elements exceeds the limit of \(limits.maximumCollectionSize)", at: location)
    }
  }
}
