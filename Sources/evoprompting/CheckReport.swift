import ArchLang
import ArgumentParser
import Foundation

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
  var function_fingerprint: String?
  var log: String?
  var error: Problem?
  /// With `--repair-input-sizes`, when sizes were rewritten: each change and the program that was checked.
  var repairs: [String]?
  var repaired_code: String?

  /// The JSON form of a report on `file` as it was written (no input sizes repaired).
  init(_ report: CandidateReport, file: String) {
    self.init(RepairedCandidateReport(report: report, source: "", repairs: []), file: file)
  }

  /// The JSON form of a candidate report for `file`, with the repairs the check made.
  init(_ checked: RepairedCandidateReport, file: String) {
    let report = checked.report
    self.file = file
    if !checked.repairs.isEmpty {
      repairs = checked.repairs.map(\.description)
      repaired_code = checked.source
    }
    ok = report.isAccepted
    if let error = report.error {
      self.error = Problem(
        line: error.location.line, column: error.location.column, kind: error.kind.rawValue, message: error.message)
      return
    }
    params = report.parameterCount
    input_shape = report.inputShape
    output_shape = report.outputShape
    model = report.modelName
    fingerprint = report.fingerprint
    function_fingerprint = report.functionFingerprint
    log = report.log
  }

  /// Prints the report as `check` and `clrs check` do: the JSON object with `json`, else the problem at its place in
  /// `file`, else the `accepted` line(s); exits 1 when the program was rejected.
  func print(json: Bool, accepted: () -> Void) throws {
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      Swift.print(String(decoding: try encoder.encode(self), as: UTF8.self))
    } else if let problem = error {
      Swift.print("\(file):\(problem.line):\(problem.column): \(problem.kind) error: \(problem.message)")
    } else {
      accepted()
    }
    if !ok { throw ExitCode(1) }
  }
}
