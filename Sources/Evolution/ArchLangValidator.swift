import ArchLang
import Tasks

/// Checks proposals with the architecture language: the program must parse, stay inside the supported subset,
/// build its model within the limits, and map a `[batch, inputs]` input to `[batch, classes]` logits.
public struct ArchLangValidator: ProposalValidator {
  public var check: CandidateCheck

  public init(task: TaskDescription = .mnist1d, limits: InterpreterLimits = InterpreterLimits()) {
    check = CandidateCheck(exampleShape: task.inputShape, classCount: task.classCount, limits: limits)
  }

  public func validate(_ code: String) async -> ValidationOutcome {
    let report = check.run(code)
    if let error = report.error {
      return .invalid(message: error.message, line: error.location.line, column: error.location.column)
    }
    return .valid(params: report.parameterCount ?? 0, fingerprint: report.fingerprint ?? "")
  }
}
