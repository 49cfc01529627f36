import EvoTensor

/// A candidate program turned into a trainable network: the interpreter that runs its Python, the engine module
/// that owns its parameters (named as in PyTorch's `state_dict`), and a throwing forward pass.
public final class CompiledModel {
  /// The parsed program.
  public let program: Program
  /// The interpreter holding the program's state (its `print` output is in `interpreter.log`).
  public let interpreter: Interpreter
  /// The bridge that built the layers.
  public let backend: EngineBackend
  /// The selected model as a program value.
  public let modelValue: Value
  /// The engine module to train: parameters, buffers, `setTraining`, `loadState`. Calling it directly runs the
  /// program's forward pass; a failure there is reported by `failure` (see `BridgedModule`).
  public let module: Module

  /// Trainable parameters, counted as `sum(p.numel() for p in model.parameters())`.
  public var parameterCount: Int { module.parameterCount }

  /// What the program printed while it was built and run.
  public var log: String { interpreter.log }

  /// The first error a forward pass hit when the engine called `module` directly (nil when none did).
  public var failure: ArchLangError? { (module as? BridgedModule)?.failure }

  private init(program: Program, interpreter: Interpreter, backend: EngineBackend, modelValue: Value, module: Module) {
    self.program = program
    self.interpreter = interpreter
    self.backend = backend
    self.modelValue = modelValue
    self.module = module
  }

  /// Parses, checks and runs `source`, builds its model with weights drawn from `seed`, and, when
  /// `exampleInputShape` is given, runs one forward pass in evaluation mode without the tape so lazy layers get
  /// their parameters before an optimizer collects them.
  public static func compile(
    _ source: String, seed: UInt64 = 0, limits: InterpreterLimits = InterpreterLimits(), exampleInputShape: [Int]? = nil
  ) throws(ArchLangError) -> CompiledModel {
    let program = try Program.parseAndCheck(source)
    let interpreter = Interpreter(program: program, limits: limits)
    let backend = EngineBackend(interpreter: interpreter, seed: seed)
    try interpreter.run()
    let modelValue = try interpreter.buildModel()
    guard let module = backend.engineModule(of: modelValue) else {
      throw ArchLangError(
        .runtime, "the selected model must be an nn.Module, got \(modelValue.typeName)",
        at: program.modelSelectionLocation)
    }
    if let bridged = module as? BridgedModule, let body = bridged.body {
      // Each pass the engine starts gets a fresh step budget, as `forward(_:)` does.
      bridged.body = { [weak interpreter] (input) throws(ArchLangError) -> Tensor in
        interpreter?.resetSteps()
        return try body(input)
      }
    }
    let model = CompiledModel(
      program: program, interpreter: interpreter, backend: backend, modelValue: modelValue, module: module)
    if let exampleInputShape {
      try ShapeRules.checkSize(exampleInputShape, limits: limits, at: .start)
      var generator = RandomSource(seed: 0xE7A3_91E5)
      let example = Tensor.randn(exampleInputShape, using: &generator)
      let wasTraining = module.isTraining
      module.setTraining(false)
      defer { module.setTraining(wasTraining) }
      let output = try model.forwardWithoutGradient(example)
      (module as? BridgedModule)?.noteOutputShape(output.shape)
    }
    return model
  }

  /// Runs the program's forward pass on `input` (recording the tape when gradients are enabled).
  public func forward(_ input: Tensor) throws(ArchLangError) -> Tensor {
    interpreter.resetSteps()
    let output = try interpreter.call(modelValue, [EngineBackend.wrap(input)], [], at: program.modelSelectionLocation)
    guard let tensor = EngineBackend.tensor(of: output) else {
      throw ArchLangError(
        .runtime, "the model's forward must return a tensor, got \(output.typeName)", at: program.modelSelectionLocation
      )
    }
    return tensor
  }

  /// The forward pass with the tape off (evaluation, shape checks).
  public func forwardWithoutGradient(_ input: Tensor) throws(ArchLangError) -> Tensor {
    try Tensor.withoutGrad { () throws(ArchLangError) in try forward(input) }
  }
}
