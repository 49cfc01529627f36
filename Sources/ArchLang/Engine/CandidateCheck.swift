import EvoTensor
import MemberwiseInit

/// The check every candidate passes before training: parse, static check, build with the engine, and one forward
/// pass on a batch shaped like the task's input that must return `[batch, classCount]` logits. MNIST-1D's is
/// `CandidateCheck(exampleShape: [40], classCount: 10)`.
@MemberwiseInit
public struct CandidateCheck: Sendable, Hashable {
  /// The shape of one example (`[40]` for MNIST-1D); nil skips the forward pass.
  public var exampleShape: [Int]?
  /// The number of classes the logits must cover.
  public var classCount: Int
  /// The batch size of the example pass.
  public var batchSize: Int = 4
  /// Seed for the initial weights.
  public var seed: UInt64 = 0
  /// Resource limits while building and running the program.
  public var limits: InterpreterLimits = InterpreterLimits()

  /// The contract the model's output must meet.
  public var contract: OutputContract { OutputContract(classCount: classCount) }

  /// Checks `source`; never throws, a rejection is in the report.
  ///
  /// Besides what `model(_:)` checks, this runs one more pass in training mode (as the first training step
  /// will), so a program that only fails while training (dropout, batch statistics) is rejected here too.
  public func run(_ source: String) -> CandidateReport {
    var (report, model) = self.model(source)
    guard let model, let inputShape = report.inputShape, report.error == nil else { return report }
    do {
      let input = Tensor.zeros(inputShape)
      let output = try model.forwardWithoutGradient(input)
      if let problem = contract.violation(
        of: output, input: input, parameterCount: model.parameterCount, gradientsRecorded: false)
      {
        report.outputShape = output.shape
        report.error = ArchLangError(.runtime, problem, at: model.program.modelSelectionLocation)
      }
    } catch {
      report.error = error
    }
    report.log = model.log
    return report
  }

  /// Builds `source` and checks its output against the contract (the same steps for `check`, `train` and a
  /// search's workers); returns the report and, when the program was accepted, the model ready to train.
  public func model(_ source: String) -> (CandidateReport, CompiledModel?) {
    let inputShape = exampleShape.map { [batchSize] + $0 }
    let model: CompiledModel
    do {
      model = try CompiledModel.compile(source, seed: seed, limits: limits, exampleInputShape: inputShape)
    } catch {
      return (CandidateReport(inputShape: inputShape, error: error), nil)
    }
    var report = CandidateReport(
      parameterCount: model.parameterCount, inputShape: inputShape, modelName: CandidateCheck.modelName(model.program),
      fingerprint: model.program.fingerprint, log: model.log)
    guard let exampleShape else { return (report, model) }
    do throws(ArchLangError) {
      let input = Tensor.zeros([batchSize] + exampleShape)
      let output = try model.recordedEvaluationPass(input)
      report.outputShape = output.shape
      if let problem = contract.violation(
        of: output, input: input, parameterCount: model.parameterCount, gradientsRecorded: true)
      {
        throw ArchLangError(.runtime, problem, at: model.program.modelSelectionLocation)
      }
      report.functionFingerprint = try model.functionFingerprint(inputShape: [batchSize] + exampleShape)
    } catch {
      report.error = error
      report.log = model.log
      return (report, nil)
    }
    report.log = model.log
    return (report, model)
  }

  private static func modelName(_ program: Program) -> String? {
    switch program.modelSelection {
    case .variable(let name, _)?: return name
    case .moduleClass(let name)?: return name
    case nil: return nil
    }
  }
}
