import EvoTensor

/// The check every candidate passes before training: parse, static check, build with the engine, and one forward
/// pass on a batch shaped like the task's input that must return `[batch, classCount]` logits.
public struct CandidateCheck: Sendable, Hashable {
  /// The shape of one example (`[40]` for MNIST-1D); nil skips the forward pass.
  public var exampleShape: [Int]?
  /// The number of classes the logits must cover.
  public var classCount: Int
  /// The batch size of the example pass.
  public var batchSize: Int
  /// Seed for the initial weights.
  public var seed: UInt64
  /// Resource limits while building and running the program.
  public var limits: InterpreterLimits

  /// Creates a check; MNIST-1D is `CandidateCheck(exampleShape: [40], classCount: 10)`.
  public init(
    exampleShape: [Int]?, classCount: Int, batchSize: Int = 4, seed: UInt64 = 0,
    limits: InterpreterLimits = InterpreterLimits()
  ) {
    self.exampleShape = exampleShape
    self.classCount = classCount
    self.batchSize = batchSize
    self.seed = seed
    self.limits = limits
  }

  /// Checks `source`; never throws, a rejection is in the report.
  public func run(_ source: String) -> CandidateReport {
    let inputShape = exampleShape.map { [batchSize] + $0 }
    let model: CompiledModel
    do {
      model = try CompiledModel.compile(source, seed: seed, limits: limits, exampleInputShape: inputShape)
    } catch {
      return CandidateReport(inputShape: inputShape, error: error)
    }
    var report = CandidateReport(
      parameterCount: model.parameterCount, inputShape: inputShape, modelName: CandidateCheck.modelName(model.program),
      fingerprint: model.program.fingerprint, log: model.log)
    guard let inputShape else { return report }
    do {
      let output = try model.forwardWithoutGradient(Tensor.zeros(inputShape))
      report.outputShape = output.shape
      let expected = [batchSize, classCount]
      if output.shape != expected {
        report.error = ArchLangError(
          .runtime,
          "the model must map \(inputShape) inputs to \(expected) logits, but it returned \(output.shape)",
          at: model.program.modelSelectionLocation)
      }
    } catch {
      report.error = error
    }
    report.log = model.log
    return report
  }

  private static func modelName(_ program: Program) -> String? {
    switch program.modelSelection {
    case .variable(let name, _)?: return name
    case .moduleClass(let name)?: return name
    case nil: return nil
    }
  }
}
