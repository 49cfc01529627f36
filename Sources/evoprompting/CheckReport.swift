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

  /// The JSON form of a candidate report for `file`.
  init(_ report: CandidateReport, file: String) {
    self.file = file
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
