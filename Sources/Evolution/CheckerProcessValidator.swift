import Foundation
import MemberwiseInit

/// Checks proposals in a separate `evoprompting check` process: a second wall around the architecture language.
///
/// The interpreter bounds what a program can do (steps, memory, nesting), but it runs code a language model wrote,
/// and a bug of its own could still crash it. In its own process such a crash rejects that one proposal, with the
/// runtime's message as the reason, and the search goes on. A check costs one short process (tens of
/// milliseconds beside seconds of training per candidate).
@MemberwiseInit
public struct CheckerProcessValidator: ProposalValidator {
  /// The `evoprompting` executable (this program itself in the product).
  public var executable: String
  /// The task the program is checked for (`check --task`).
  public var task: String = "mnist1d"
  /// Wall-clock limit of one check; the interpreter's own limits stop any program long before it.
  public var timeoutSeconds: Int = 120

  public func validate(_ code: String) async -> ValidationOutcome {
    let child = ChildProcess(
      executable: executable, arguments: ["check", "-", "--json", "--task", task, "--repair-input-sizes"])
    let outcome: ChildProcess.Outcome
    switch await child.run(input: Data(code.utf8), timeoutSeconds: timeoutSeconds) {
    case .failure(let failure):
      return .invalid(message: "the checker could not start: \(failure)", line: nil, column: nil)
    case .success(let finished): outcome = finished
    }
    switch outcome.exit {
    case .timedOut(let seconds):
      return .invalid(message: "the checker did not finish within \(seconds) s", line: nil, column: nil)
    case .killedBySignal(let signal):
      let crash = ChildProcess.crashDescription(
        signal: signal, errorHead: outcome.errorHead, errorTail: outcome.errorTail)
      return .invalid(message: "the checker \(crash)", line: nil, column: nil)
    case .exited(let status):
      guard let report = Self.parse(outcome.output) else {
        let detail = outcome.errorHead.split(separator: "\n").first.map(String.init) ?? "no report"
        return .invalid(
          message: "the checker exited with status \(status) without a report: \(detail)", line: nil, column: nil)
      }
      return report
    }
  }

  /// The outcome in `check --json`'s output (its last line).
  static func parse(_ output: Data) -> ValidationOutcome? {
    guard let line = output.split(separator: UInt8(ascii: "\n")).last,
      let json = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let ok = json["ok"] as? Bool
    else { return nil }
    if ok {
      // What the model computes finds copies written differently; a task whose check has no forward pass to
      // run gives the program's fingerprint only.
      guard let params = json["params"] as? Int,
        let fingerprint = json["function_fingerprint"] as? String ?? json["fingerprint"] as? String
      else { return nil }
      let repair = (json["repaired_code"] as? String).map {
        ProgramRepair(code: $0, changes: json["repairs"] as? [String] ?? [])
      }
      return .valid(params: params, fingerprint: fingerprint, repair: repair)
    }
    guard let error = json["error"] as? [String: Any], let message = error["message"] as? String else { return nil }
    return .invalid(message: message, line: error["line"] as? Int, column: error["column"] as? Int)
  }
}
