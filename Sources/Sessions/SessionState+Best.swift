import Foundation

/// The one definition of a search's best model, computed from the state, so that the terminal UI, `report`,
/// `export --best`, the headless lines, the log's `run_finished` and `study` all name the same candidate.
///
/// The paper's rule: a candidate is eligible when it was evaluated and its validation error (1 − the best
/// validation accuracy seen during training) is below α; fitness is −(parameters × validation error); the best
/// model is the fittest eligible candidate. A small, inaccurate model can have a high fitness, which is why α
/// comes first: the fittest candidate overall is not the best model unless it is eligible.
extension SessionState {
  /// The α of the paper, used when a log does not record one.
  public static let defaultAlpha: Float = 0.5

  /// The α of this search: the validation error a candidate must stay below to be eligible.
  public var alpha: Float {
    configuration?.settings["alpha"].flatMap { Float($0) } ?? Self.defaultAlpha
  }

  /// Whether `record` was evaluated with a validation error below α (and so may be the best model or a parent).
  public func isEligible(_ record: CandidateRecord) -> Bool {
    guard record.status == .evaluated, record.fitness != nil, let error = record.validationError else { return false }
    return error < alpha
  }

  /// The evaluated candidates, best first: the eligible ones by fitness, then the ineligible ones by fitness.
  ///
  /// `export --best N` writes the first N of these; the first one is `best` whenever any candidate is eligible.
  public var ranking: [CandidateRecord] {
    let evaluated = evaluatedByFitness
    return evaluated.filter(isEligible) + evaluated.filter { !isEligible($0) }
  }

  /// The best model: the fittest eligible candidate, or nil while none is eligible.
  public var best: CandidateRecord? { best(among: orderedCandidates) }

  /// The best model among `candidates` by the same rule (a study counts only the children within its budget).
  public func best(among candidates: [CandidateRecord]) -> CandidateRecord? {
    candidates.filter(isEligible).max { ($0.fitness!, $1.id) < ($1.fitness!, $0.id) }
  }

  /// The rule `best` follows, in words, for headers and reports.
  public var bestRule: String {
    "the fittest candidate with validation error < α = \(Self.alphaText(alpha)); fitness = −(params × validation error)"
  }

  /// The rule in a few words, for narrow screens.
  public var bestRuleShort: String { "fittest with val error < \(Self.alphaText(alpha))" }

  /// α as written in settings: `0.5`, `0.25`.
  public static func alphaText(_ alpha: Float) -> String {
    String(format: "%g", Double(alpha))
  }
}
