import ConstrainedDecoding

/// A prefix checker and a line verifier fed a program line by line, as `ProposalDecoder` feeds them: each committed
/// line is verified against the source so far, and the shape hints it returns steer the lines after it.
struct LineByLineWriter {
  var checker: PrefixChecker
  let verifier: LineVerifier
  var source = ""
  /// Whether every prefix of a line must be viable and the line must be allowed to end, as while sampling; off, a
  /// test can hand the verifier a line the prefix checker would have steered away from.
  var checksEveryPrefix: Bool

  init(contract: ProgramContract = .classifier(), checksEveryPrefix: Bool = true) {
    checker = PrefixChecker(contract: contract)
    verifier = LineVerifier(contract: contract)
    self.checksEveryPrefix = checksEveryPrefix
  }

  /// A classifier writer past the imports, with layer sizes steered as the proposer steers them; the verifier sees
  /// every line a test writes, viable or not.
  static func classifierPastImports() -> LineByLineWriter {
    var writer = LineByLineWriter(checksEveryPrefix: false)
    writer.checker.steersLayerSizes = true
    for line in ["import torch", "import torch.nn as nn", "import torch.nn.functional as F", ""] { writer.write(line) }
    return writer
  }

  /// Commits `line` and returns the line check's verdict, nil when the prefix checker refuses the line. A rejected
  /// line is not kept.
  @discardableResult
  mutating func write(_ line: String) -> LineVerifier.Verdict? {
    if checksEveryPrefix {
      var partial = ""
      for character in line {
        partial.append(character)
        guard checker.isViable(partial) else { return nil }
      }
      guard checker.canEnd(line) else { return nil }
    }
    var next = checker
    guard let committed = next.commit(line) else { return nil }
    let (verdict, hints) = verifier.verifyWithHints(
      committed, source: source + line + "\n", forwardInput: committed.className.flatMap { next.forwardInputs[$0] },
      locals: Array(next.locals),
      isFinalInitializerStatement: committed.functionName == "__init__"
        && next.statementCount >= next.initializerStatementLimit,
      classScoresWereReachable: committed.functionName == "forward" && checker.shapeHints?.reachesClassScores == true)
    if case .rejected = verdict { return verdict }
    checker = next
    if let hints { checker.shapeHints = hints }
    source += line + "\n"
    return verdict
  }

  /// Whether the checker lets `line` end as it is.
  func accepts(_ line: String) -> Bool { checker.canEnd(line) }
}
