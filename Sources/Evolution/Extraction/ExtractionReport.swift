import ArchLang
import Sessions

/// What `evoprompting extract` says about one reply: the program extraction made of it, whether the search's check
/// accepts it, and if not, why (with the line and column where that applies).
public struct ExtractionReport: Sendable, Equatable, Codable {
  /// Why a reply was rejected: at which stage, what, and where.
  public struct Rejection: Sendable, Equatable, Codable, CustomStringConvertible {
    /// `extraction` (no program in the reply) or `check` (the program is not a valid model for the task).
    public var stage: String
    public var message: String
    public var line: Int?
    public var column: Int?

    public var description: String {
      let place = line.map { "\($0):\(column ?? 1): " } ?? ""
      return "\(stage): \(place)\(message)"
    }
  }

  public var ok: Bool
  // Every key is written, `null` when absent, so readers see the whole shape.
  @ExplicitNull public var code: String?
  @ExplicitNull public var params: Int?
  public var dropped: [DroppedStatement]
  public var carried: [CarriedDefinition]
  /// Input sizes the check rewrote (`code` is the repaired program), as the search does.
  public var repairs: [InputSizeRepair]
  @ExplicitNull public var error: Rejection?

  /// Extracts the program from `reply` to `prompt` (whose parents are in scope) and checks it as the search does.
  public init(reply: String, prompt: String, programOpening: String, check: CandidateCheck) {
    let extractor = CodeExtractor(
      programOpening: programOpening, parentPrograms: PromptBuilder.parentPrograms(inPrompt: prompt))
    let extraction = extractor.extraction(from: reply)
    code = extraction.code
    dropped = extraction.dropped
    carried = extraction.carried
    repairs = []
    guard let program = extraction.code else {
      let failure = extraction.failure ?? ExtractionFailure("the reply contains no program")
      ok = false
      error = Rejection(stage: "extraction", message: failure.message, line: failure.line, column: failure.column)
      return
    }
    let checked = check.runRepairingInputSizes(program)
    let report = checked.report
    code = checked.source
    repairs = checked.repairs
    params = report.parameterCount
    ok = report.isAccepted
    error = report.error.map {
      Rejection(stage: "check", message: $0.message, line: $0.location.line, column: $0.location.column)
    }
  }
}
