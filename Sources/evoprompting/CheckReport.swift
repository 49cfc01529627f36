import ArchLang

/// The result of `evoprompting check`, printed as one JSON object with `--json`.
struct CheckReport: Encodable {
  /// Where and why a program was rejected.
  struct Problem: Encodable {
    var line: Int
    var column: Int
    var kind: String
    var message: String
  }

  var ok: Bool
  var file: String
  var params: Int?
  var input_shape: [Int]?
  var output_shape: [Int]?
  var model: String?
  var fingerprint: String?
  var log: String?
  var error: Problem?

  /// A report for a rejected program.
  static func rejected(_ file: String, _ error: ArchLangError, log: String? = nil) -> CheckReport {
    CheckReport(
      ok: false, file: file,
      error: Problem(
        line: error.location.line, column: error.location.column, kind: error.kind.rawValue, message: error.message))
  }
}
