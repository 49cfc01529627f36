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
    let checked = check.runRepairingInputSizes(code)
    let report = checked.report
    if let error = report.error {
      return .invalid(message: error.message, line: error.location.line, column: error.location.column)
    }
    return .valid(
      params: report.parameterCount ?? 0,
      fingerprint: report.functionFingerprint ?? Self.noveltyFingerprint(of: checked.source) ?? "",
      repair: checked.repairs.isEmpty
        ? nil : ProgramRepair(code: checked.source, changes: checked.repairs.map(\.description)))
  }

  /// The fingerprint that decides whether a program is new: ArchLang's normalised-program fingerprint (formatting,
  /// comments and docstrings ignored) of the program without its imports, so a copy of a parent that imports one
  /// module more or less (a continuation of the prompt's opening does) is still a copy.
  public static func noveltyFingerprint(of code: String) -> String? {
    guard let program = try? Program(parsing: code) else { return nil }
    let body = program.statements.filter {
      switch $0.kind {
      case .importModules, .importFrom: return false
      default: return true
      }
    }
    return Program(statements: body, source: code).fingerprint
  }
}
