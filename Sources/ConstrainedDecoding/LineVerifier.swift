import ArchLang

/// Runs each completed statement: the program so far, closed minimally, is built and run on a dummy input.
///
/// In `Model.__init__` the closing is a `forward` that returns its input, and the model is built; in
/// `Model.forward` it is `return <input>`, and the forward pass must get past every statement so far; a `return`
/// in `Model.forward` must pass the full `CandidateCheck`. Lines of other classes get parse and static checks.
public struct LineVerifier: Sendable {
  /// What a line's check found.
  public enum Verdict: Sendable, Equatable {
    /// Keep the line and go on.
    case accepted
    /// The program is complete and passes the full check.
    case finished
    /// Resample the line.
    case rejected(String)
  }

  /// The full check a finished program must pass.
  public var check: CandidateCheck
  /// The name of the class that is the model.
  public var modelClassName = "Model"

  public init(check: CandidateCheck = CandidateCheck(exampleShape: [40], classCount: 10)) {
    self.check = check
  }

  /// Checks `line`, the last line of `source` (the whole program so far, ending with a newline).
  public func verify(_ line: CommittedLine, source: String, forwardInput: String?) -> Verdict {
    guard let className = line.className, let function = line.functionName else { return .accepted }
    switch line.kind {
    case .assignment, .superInit, .returnStatement: break
    default: return .accepted
    }
    let isModel = className == modelClassName
    if line.kind == .returnStatement {
      let report = check.run(source)
      // Any class the full check accepts as the model is a finished program.
      if report.isAccepted { return .finished }
      if !isModel { return staticVerdict(source) }
      return .rejected(report.error?.message ?? "rejected")
    }
    guard isModel else { return staticVerdict(source) }
    if function == "__init__" {
      let closing = "    def forward(self, x):\n        return x\n"
      var buildOnly = check
      buildOnly.exampleShape = nil
      let report = buildOnly.run(source + closing)
      return report.isAccepted ? .accepted : .rejected(report.error?.message ?? "rejected")
    }
    let closing = String(repeating: " ", count: line.indent) + "return \(forwardInput ?? "x")\n"
    let report = check.run(source + closing)
    // The pass got through every statement when it produced an output (of whatever shape).
    return report.outputShape != nil ? .accepted : .rejected(report.error?.message ?? "rejected")
  }

  private func staticVerdict(_ source: String) -> Verdict {
    do {
      let program = try Program(parsing: source)
      if let error = StaticChecker.check(program).first { return .rejected(error.message) }
      return .accepted
    } catch {
      return .rejected(error.message)
    }
  }
}
