import ArchLang
import MemberwiseInit

/// Runs each completed statement: the program so far, closed minimally, is built and run on dummy inputs of the
/// task's shapes (`ProgramContract`).
///
/// In `Model.__init__` the closing is a `forward` that returns its input, and the model is built; in
/// `Model.forward` it is `return <input>`, and the forward pass must get past every statement so far; a `return`
/// in `Model.forward` must pass the full check. Lines of other classes get parse and static checks. A module
/// contract (CLRS's triplet function) is checked the same way by `verifyModule`.
@MemberwiseInit
public struct LineVerifier: Sendable {
  /// What a line's check found.
  public enum Verdict: Sendable, Equatable {
    /// Keep the line and go on.
    case accepted
    /// The program is complete and passes the full check; what it computes, when the check gives that
    /// (`CandidateReport.functionFingerprint`).
    case finished(fingerprint: String?)
    /// Resample the line; `failingPrefix`, when known, is a beginning of it that fails however the line goes on.
    case rejected(String, failingPrefix: String? = nil)

    /// Whether the program is complete.
    public var isFinished: Bool {
      if case .finished = self { return true }
      return false
    }
  }

  /// What the program must be: its class, inputs and output, and the full check.
  public var contract: ProgramContract = .classifier()

  /// The name of the class that is the model.
  public var modelClassName: String { contract.className }

  /// Checks `line`, the last line of `source` (the whole program so far, ending with a newline).
  public func verify(_ line: CommittedLine, source: String, forwardInput: String?) -> Verdict {
    verifyWithHints(line, source: source, forwardInput: forwardInput, locals: []).verdict
  }

  /// Checks `line` as `verify` does, and probes the model's shapes for the prefix checker: in `Model.__init__` a
  /// new layer must take some shape the input and the layers before it give, `def forward` must find the class
  /// scores reachable, and in `Model.forward` the hints say which layers take the tensors in `locals`.
  /// `isFinalInitializerStatement` says that `__init__` can take no further statement: it must then reach the
  /// class scores itself. `classScoresWereReachable` says that the lines before a `forward` statement left the
  /// class scores in reach (the hints before it said so): the statement must not lose them.
  public func verifyWithHints(
    _ line: CommittedLine, source: String, forwardInput: String?, locals: [String],
    isFinalInitializerStatement: Bool = false, classScoresWereReachable: Bool = false
  ) -> (verdict: Verdict, hints: ShapeHints?) {
    guard let className = line.className, let function = line.functionName else { return (.accepted, nil) }
    guard case .classifier(let check) = contract.build else {
      return verifyModule(
        line, source: source, forwardInput: forwardInput, locals: locals,
        isFinalInitializerStatement: isFinalInitializerStatement, outputWasReachable: classScoresWereReachable)
    }
    let isModel = className == modelClassName
    let input = forwardInput ?? "x"
    let classScores = [check.batchSize, check.classCount]
    if line.kind == .functionHeader {
      guard isModel, function == "forward", let example = check.exampleShape else { return (.accepted, nil) }
      let closing = String(repeating: " ", count: line.indent + 4) + "return \(input)\n"
      guard let model = try? CompiledModel.compile(source + closing, seed: check.seed, limits: check.limits) else {
        return (.accepted, nil)
      }
      let inputShape = [check.batchSize] + example
      let reachable = ShapeProbe.reachableShapes(of: model, inputShape: inputShape)
      guard ShapeProbe.reaches(classScores, from: reachable.shapes) else {
        let shapes = reachable.shapes.prefix(6).map(ShapeProbe.describe).joined(separator: ", ")
        return (
          .rejected("no layer gives the \(check.classCount) class scores; the layers reach \(shapes)"), nil
        )
      }
      return (
        .accepted,
        ShapeProbe.forwardHints(
          model: model, localShapes: [input: inputShape], classScores: classScores)
      )
    }
    switch line.kind {
    case .assignment, .superInit, .returnStatement: break
    default: return (.accepted, nil)
    }
    if line.kind == .returnStatement {
      let report = check.run(source)
      // Any class the full check accepts as the model is a finished program.
      if report.isAccepted { return (.finished(fingerprint: report.functionFingerprint), nil) }
      if !isModel { return (staticVerdict(source), nil) }
      return (.rejected(report.error?.message ?? "rejected"), nil)
    }
    guard isModel else { return (staticVerdict(source), nil) }
    if function == "__init__" {
      // Build the model (a forward that returns its input closes it); the build is what the check of a
      // build-only candidate runs, and the built model is probed for shapes.
      let closing = "    def forward(self, x):\n        return x\n"
      let model: CompiledModel
      do {
        model = try CompiledModel.compile(source + closing, seed: check.seed, limits: check.limits)
      } catch {
        return (.rejected(error.message), nil)
      }
      guard let example = check.exampleShape else { return (.accepted, nil) }
      let reachable = ShapeProbe.reachableShapes(of: model, inputShape: [check.batchSize] + example)
      let assigned = line.targets.filter { $0.hasPrefix("self.") }.map { String($0.dropFirst(5)) }
      let shapes = reachable.shapes.prefix(6).map(ShapeProbe.describe).joined(separator: ", ")
      if let unusable = assigned.first(where: reachable.unusable.contains) {
        return (
          .rejected("self.\(unusable) takes none of the shapes the input and the layers before it give: \(shapes)"), nil
        )
      }
      if isFinalInitializerStatement, !ShapeProbe.reaches(classScores, from: reachable.shapes) {
        return (
          .rejected(
            "__init__'s last statement must give the \(check.classCount) class scores; the layers reach \(shapes)"), nil
        )
      }
      let hints = ShapeProbe.initializerHints(
        model: model, shapes: reachable.shapes,
        chain: ShapeProbe.chainShape(of: model, inputShape: [check.batchSize] + example), source: source,
        classScores: classScores)
      return (.accepted, hints)
    }
    // A statement of `forward`: run the pass so far and return every local, to learn their shapes.
    guard let example = check.exampleShape else { return (.accepted, nil) }
    let names = locals.filter { $0 != "self" }.sorted()
    let closing = String(repeating: " ", count: line.indent) + "return [\(names.joined(separator: ", "))]\n"
    // The program so far (or a probe in its place), closed and run on a dummy batch.
    func run(_ program: String) throws(ArchLangError) -> (model: CompiledModel, shapes: [[Int]?]) {
      let model = try CompiledModel.compile(program + closing, seed: check.seed, limits: check.limits)
      return (model, try model.forwardOutputShapes(inputShape: [check.batchSize] + example))
    }
    do throws(ArchLangError) {
      let (model, shapes) = try run(source)
      var localShapes: [String: [Int]] = [:]
      for (name, shape) in zip(names, shapes) { if let shape { localShapes[name] = shape } }
      let hints = ShapeProbe.forwardHints(model: model, localShapes: localShapes, classScores: classScores)
      // A statement after which no layer can give the scores (a pooling the head's size leaves out) is a dead end
      // for every later line: reject it while the scores were still in reach before it.
      if classScoresWereReachable, !hints.reachesClassScores {
        let described = localShapes.sorted { $0.key < $1.key }.prefix(4).map {
          "\($0.key) \(ShapeProbe.describe($0.value))"
        }
        return (
          .rejected(
            "after this line no layer gives the \(check.classCount) class scores from \(described.joined(separator: ", "))"
          ), nil
        )
      }
      return (.accepted, hints)
    } catch {
      let failingPrefix = Self.failingPrefix(of: line, source: source, error: error) {
        (probe: String) throws(ArchLangError) in _ = try run(probe)
      }
      return (.rejected(error.message, failingPrefix: failingPrefix), nil)
    }
  }

  func staticVerdict(_ source: String) -> Verdict {
    do {
      let program = try Program(parsing: source)
      if let error = StaticChecker.check(program).first { return .rejected(error.message) }
      return .accepted
    } catch {
      return .rejected(error.message)
    }
  }
}
