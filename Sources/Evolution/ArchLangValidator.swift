import ArchLang
import EvoTensor
import Tasks

/// Checks proposals with the architecture language: the program must parse, stay inside the supported subset,
/// build its model within the limits, and map a `[batch, inputs]` input to `[batch, classes]` logits.
public struct ArchLangValidator: ProposalValidator {
  public var task: TaskDescription
  public var limits: InterpreterLimits

  public init(task: TaskDescription = .mnist1d, limits: InterpreterLimits = InterpreterLimits()) {
    self.task = task
    self.limits = limits
  }

  public func validate(_ code: String) async -> ValidationOutcome {
    switch ProgramCheck.run(code, task: task, limits: limits) {
    case .success(let checked): .valid(params: checked.parameterCount, fingerprint: checked.fingerprint)
    case .failure(let error): .invalid(message: error.message, line: error.location.line, column: error.location.column)
    }
  }
}

/// What checking a program found: its parameter count, output shape and fingerprint.
public struct ProgramCheck: Sendable, Equatable {
  public var parameterCount: Int
  public var outputShape: [Int]
  /// Equal for programs that differ only in formatting, comments and docstrings.
  public var fingerprint: String
  /// What the program printed while being built and run.
  public var log: String

  /// The batch size of the dummy input a check runs.
  public static let checkBatch = 2

  /// Compiles `source`, runs one forward pass on a dummy batch and checks the output shape against the task.
  public static func run(_ source: String, task: TaskDescription, limits: InterpreterLimits = InterpreterLimits())
    -> Result<ProgramCheck, ArchLangError>
  {
    let inputShape = [checkBatch] + task.inputShape
    do {
      let compiled = try CompiledModel.compile(source, seed: 0, limits: limits, exampleInputShape: inputShape)
      var generator = RandomSource(seed: 1)
      let output = try compiled.forwardWithoutGradient(Tensor.randn(inputShape, using: &generator))
      let expected = [checkBatch, task.classCount]
      guard output.shape == expected else {
        return .failure(ArchLangError(
          .runtime, "the model returns shape \(output.shape) for input \(inputShape); it must return \(expected) (\(task.classCount) class logits per example)",
          at: compiled.program.modelSelectionLocation))
      }
      return .success(ProgramCheck(
        parameterCount: compiled.parameterCount, outputShape: output.shape, fingerprint: compiled.program.fingerprint, log: compiled.log))
    } catch {
      return .failure(error)
    }
  }
}
