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
  /// Everything the program printed.
  public private(set) var log = ""
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
      let location =
        program.statements.first { statement in
          if case .classDefinition(let definition) = statement.kind { return definition.name == name }
          return false
        }?.location ?? .start
      return try call(classValue, [], [], at: location)
    }
  }

  /// When the current run started, for the wall-clock limit.
  private var runStarted = DispatchTime.now().uptimeNanoseconds

  /// Memory units allocated in the current run (see `InterpreterLimits.maximumAllocatedUnits`).
  public private(set) var allocatedUnits = 0

  /// Gives the program a fresh step, time and memory budget (each forward pass of a compiled model gets its own).
  public func resetSteps() {
    steps = 0
    allocatedUnits = 0
    runStarted = DispatchTime.now().uptimeNanoseconds
  }

  /// Counts one step and stops the program when the budget is spent.
  func tick(_ location: SourceLocation) throws(ArchLangError) {
    steps += 1
    if steps > limits.maximumSteps {
      throw ArchLangError(
        .limit,
        "the program ran for more than \(limits.maximumSteps) interpreter steps (stopped at line \(location.line))",
        at: location)
    }
    // Reading the clock costs more than a step, so it is read every 1,024 steps.
    if steps & 1023 == 0, let seconds = limits.maximumSeconds,
      Double(DispatchTime.now().uptimeNanoseconds &- runStarted) / 1e9 > seconds
    {
      throw ArchLangError(
        .limit, "the program ran for more than \(seconds) seconds (stopped at line \(location.line))", at: location)
    }
  }

  /// Appends printed text to the log, keeping at most `limits.maximumLogCharacters`.
  func appendToLog(_ text: String) {
    guard log.count < limits.maximumLogCharacters else { return }
    log += text
    if log.count > limits.maximumLogCharacters {
      log = String(log.prefix(limits.maximumLogCharacters)) + "\n[log truncated]\n"
    }
  }

  /// Counts `units` of new memory against the run's budget.
  public func charge(_ units: Int, at location: SourceLocation) throws(ArchLangError) {
    let (total, overflow) = allocatedUnits.addingReportingOverflow(Swift.max(units, 0))
    if overflow || total > limits.maximumAllocatedUnits {
      throw ArchLangError(
        .limit,
        "the program allocated more than its memory budget (\(limits.maximumAllocatedUnits) units; stopped at line \(location.line))",
        at: location)
    }
    allocatedUnits = total
  }

  /// Counts new collection elements (four units each).
  func chargeElements(_ count: Int, at location: SourceLocation) throws(ArchLangError) {
    try charge(count.multipliedReportingOverflow(by: 4).overflow ? Int.max : count * 4, at: location)
  }

  /// Throws when a collection would exceed the size limit.
  func checkSize(_ count: Int, at location: SourceLocation) throws(ArchLangError) {
    if count > limits.maximumCollectionSize {
      throw ArchLangError(
        .limit, "a collection of \(count) elements exceeds the limit of \(limits.maximumCollectionSize)", at: location)
    }
  }
}
