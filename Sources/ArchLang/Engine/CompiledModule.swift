import EvoTensor

/// A program's `nn.Module` class built with constructor arguments and called with several tensors: a component of
/// a larger network (CLRS's triplet-message function), where `CompiledModel` is a whole classifier.
public final class CompiledModule {
  /// The parsed program.
  public let program: Program
  /// The interpreter holding the program's state (its `print` output is in `interpreter.log`).
  public let interpreter: Interpreter
  /// The instantiated module as a program value.
  public let instance: Value
  /// The engine module: parameters (named as PyTorch's `state_dict`), `setTraining`, `loadState`.
  public let module: Module
  /// The class that was instantiated.
  public let className: String
  /// The bridge that built the layers (the shape probes call them).
  let backend: EngineBackend
  let location: SourceLocation

  private init(
    program: Program, interpreter: Interpreter, backend: EngineBackend, instance: Value, module: Module,
    className: String, location: SourceLocation
  ) {
    self.program = program
    self.backend = backend
    self.interpreter = interpreter
    self.instance = instance
    self.module = module
    self.className = className
    self.location = location
  }

  /// Trainable parameters, counted as `sum(p.numel() for p in module.parameters())`.
  public var parameterCount: Int { module.parameterCount }

  /// Parses, checks and runs `source`, then builds its `nn.Module` subclass named `className` (by default the one
  /// `Program.modelSelection` picks: `Model`, else the last one) with `arguments`, weights drawn from `seed`.
  public static func compile(
    _ source: String, className: String? = nil, arguments: [Int], seed: UInt64 = 0,
    limits: InterpreterLimits = InterpreterLimits()
  ) throws(ArchLangError) -> CompiledModule {
    let program = try Program.parseAndCheck(source)
    let interpreter = Interpreter(program: program, limits: limits)
    let backend = EngineBackend(interpreter: interpreter, seed: seed)
    try interpreter.run()
    let name: String
    if let className {
      name = className
    } else if case .moduleClass(let selected)? = program.modelSelection {
      name = selected
    } else {
      throw ArchLangError(
        .runtime, "no nn.Module subclass found: define `class \(className ?? "Name")(nn.Module)`", at: .start)
    }
    guard program.moduleClassNames.contains(name), let classValue = interpreter.global(name) else {
      throw ArchLangError(.runtime, "the program defines no nn.Module subclass named `\(name)`", at: .start)
    }
    let location = program.classLocation(name)
    let instance = try interpreter.call(classValue, arguments.map { .int($0) }, [], at: location)
    guard let module = backend.engineModule(of: instance) else {
      throw ArchLangError(.runtime, "`\(name)` did not build an nn.Module", at: location)
    }
    return CompiledModule(
      program: program, interpreter: interpreter, backend: backend, instance: instance, module: module, className: name,
      location: location)
  }

  /// Runs the module's `forward` on `inputs` (recording the tape when gradients are enabled); each call gets a fresh
  /// step, time and memory budget.
  public func forward(_ inputs: [Tensor]) throws(ArchLangError) -> Tensor {
    interpreter.resetSteps()
    let output = try interpreter.call(instance, inputs.map(EngineBackend.wrap), [], at: location)
    guard let tensor = EngineBackend.tensor(of: output) else {
      throw ArchLangError(
        .runtime, "\(className).forward must return a tensor, got \(output.typeName)", at: location)
    }
    return tensor
  }
}
